package web

import "net/http"

func (s *Server) pageRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		s.render(w, r, "login.html", s.newPage(r, s.uiLang(r), "web.login.title", map[string]interface{}{"Failed": false, "Next": "/"}))
	})
}
