package web

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	"github.com/dpa-no/dpa/internal/i18n"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

func staticHandler() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	fsrv := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fsrv.ServeHTTP(w, r)
	})
}

var tmpl = template.Must(template.New("").Funcs(template.FuncMap{
	"join": strings.Join,
	"inc":  func(i int) int { return i + 1 },
	"pair": func(a, b any) map[string]any { return map[string]any{"A": a, "B": b} },
}).ParseFS(templateFS, "templates/*.html"))

// uiLang is the interface language: ?ui=, else the dpa_ui cookie, else the
// browser's Accept-Language, else nb.
func (s *Server) uiLang(r *http.Request) string {
	if l, err := i18n.Normalize(r.URL.Query().Get("ui")); err == nil {
		return l
	}
	if c, err := r.Cookie("dpa_ui"); err == nil {
		if l, err := i18n.Normalize(c.Value); err == nil {
			return l
		}
	}
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag := strings.TrimSpace(strings.SplitN(part, ";", 2)[0])
		if l, err := i18n.Normalize(tag); err == nil {
			return l
		}
	}
	return "nb"
}

// rememberLang keeps an explicit ?ui= choice in a cookie.
func rememberLang(w http.ResponseWriter, r *http.Request) {
	if l, err := i18n.Normalize(r.URL.Query().Get("ui")); err == nil {
		http.SetCookie(w, &http.Cookie{Name: "dpa_ui", Value: l, Path: "/", SameSite: http.SameSiteLaxMode, HttpOnly: true, MaxAge: 365 * 24 * 3600})
	}
}

// page is what every page template gets.
type page struct {
	Lang     string
	ui       *i18n.Localizer
	Title    string
	Path     string // current URL without ui=, for the language switch
	Other    string // the other language
	OtherURL string
	Version  string
	Data     any
}

func (s *Server) newPage(r *http.Request, lang, titleID string, data any) *page {
	other := "en"
	if lang == "en" {
		other = "nb"
	}
	u := *r.URL
	q := u.Query()
	q.Set("ui", other)
	u.RawQuery = q.Encode()
	p := &page{Lang: lang, ui: i18n.For(lang), Other: other, OtherURL: u.RequestURI(), Version: s.opts.DPAVersion, Data: data}
	if titleID != "" {
		p.Title = p.T(titleID)
	}
	return p
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, p *page) {
	s.renderStatus(w, r, http.StatusOK, name, p)
}

func (s *Server) renderStatus(w http.ResponseWriter, r *http.Request, code int, name string, p *page) {
	var b bytes.Buffer
	if err := tmpl.ExecuteTemplate(&b, name, p); err != nil {
		http.Error(w, "template "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	rememberLang(w, r)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write(b.Bytes())
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, lang string, failed bool) {
	code := http.StatusOK
	if failed {
		code = http.StatusUnauthorized
	}
	s.renderStatus(w, r, code, "login.html", s.newPage(r, lang, "web.login.title", map[string]any{
		"Failed": failed, "Next": safeNext(r.FormValue("next")),
	}))
}

// T is the message id in the page's language; kv are key, value pairs.
func (p *page) T(id string, kv ...any) string {
	if len(kv) == 0 {
		return p.ui.T(id)
	}
	m := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		if k, ok := kv[i].(string); ok {
			m[k] = kv[i+1]
		}
	}
	return p.ui.T(id, m)
}
