package web

import (
	"net/http"
)

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	mux.Handle("GET /static/", http.StripPrefix("/static/", staticHandler()))
	mux.HandleFunc("GET /login", func(w http.ResponseWriter, r *http.Request) { s.renderLogin(w, r, s.uiLang(r), false) })
	mux.HandleFunc("POST /login", s.loginPost)
	mux.HandleFunc("POST /api/check", s.apiCheck)
	mux.HandleFunc("POST /api/generate", s.apiGenerate)
	s.pageRoutes(mux)

	cop := http.NewCrossOriginProtection()
	var h http.Handler = mux
	h = s.requireToken(h)
	h = cop.Handler(h)
	h = limitBody(h)
	h = headers(h)
	return h
}
