package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
)

// CSP allows only the application's own scripts, styles and images: no
// inline script, no framing.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

const cookieName = "dpa_session"

// headers sets the security headers on every response.
func headers(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", CSP)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.ServeHTTP(w, r)
	})
}

// limitBody caps every request body at MaxBody bytes (+ room for the
// multipart envelope of an uploaded answers file).
func limitBody(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil {
			max := int64(MaxBody)
			if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
				max += 64 << 10
			}
			r.Body = http.MaxBytesReader(w, r.Body, max)
		}
		h.ServeHTTP(w, r)
	})
}

// sessionValue is what the login cookie holds: a keyed hash of the token,
// so that the token itself is not stored in the browser.
func sessionValue(token string) string {
	m := hmac.New(sha256.New, []byte(token))
	m.Write([]byte("dpa serve session v1"))
	return hex.EncodeToString(m.Sum(nil))
}

// equal compares in constant time.
func equal(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// authorised reports whether the request carries the token: the login
// cookie, or "Authorization: Bearer TOKEN" for scripts.
func (s *Server) authorised(r *http.Request) bool {
	if s.opts.Token == "" {
		return true
	}
	if c, err := r.Cookie(cookieName); err == nil && equal(c.Value, sessionValue(s.opts.Token)) {
		return true
	}
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		return equal(strings.TrimPrefix(h, "Bearer "), s.opts.Token)
	}
	return false
}

// requireToken guards everything but the health check, the login page and
// the static assets when a token is set.
func (s *Server) requireToken(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if s.opts.Token == "" || p == "/healthz" || p == "/login" || strings.HasPrefix(p, "/static/") {
			h.ServeHTTP(w, r)
			return
		}
		// a bearer token is a guess like a login: the same back-off
		addr := clientAddr(r)
		bearer := strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ")
		if bearer {
			if d := s.logins.wait(addr); d > 0 {
				w.Header().Set("Retry-After", retryAfter(d))
				writeJSON(w, http.StatusTooManyRequests, map[string]string{"error": "too many wrong access tokens from this address: wait and try again"})
				return
			}
		}
		if s.authorised(r) {
			if bearer {
				s.logins.ok(addr)
			}
			h.ServeHTTP(w, r)
			return
		}
		if bearer {
			s.logins.fail(addr)
		}
		if strings.HasPrefix(p, "/api/") {
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "missing or wrong access token"})
			return
		}
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
	})
}

// safeNext keeps a redirect target inside this application.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

func (s *Server) loginPost(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	lang := s.uiLang(r)
	// wrong tokens from one address wait longer and longer (1 s, 2 s, 4 s,
	// ... up to 10 minutes) before the next one is even compared
	addr := clientAddr(r)
	if d := s.logins.wait(addr); d > 0 {
		w.Header().Set("Retry-After", retryAfter(d))
		s.renderStatus(w, r, http.StatusTooManyRequests, "login.html", s.newPage(r, lang, "web.login.title", map[string]any{
			"Failed": true, "Wait": retryAfter(d), "Next": safeNext(r.FormValue("next")),
		}))
		return
	}
	if s.opts.Token == "" || !equal(r.PostForm.Get("token"), s.opts.Token) {
		s.logins.fail(addr)
		s.renderLogin(w, r, lang, true)
		return
	}
	s.logins.ok(addr)
	http.SetCookie(w, &http.Cookie{
		Name: cookieName, Value: sessionValue(s.opts.Token), Path: "/",
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil,
	})
	http.Redirect(w, r, safeNext(r.PostForm.Get("next")), http.StatusSeeOther)
}
