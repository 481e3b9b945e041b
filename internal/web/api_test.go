package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dpa-no/dpa/examples"
	"github.com/dpa-no/dpa/internal/assemble"
	"github.com/dpa-no/dpa/internal/cli"
	"github.com/dpa-no/dpa/internal/i18n"
	"github.com/dpa-no/dpa/internal/library"
	"github.com/dpa-no/dpa/internal/web"
)

// badOrg has one blocking finding: an organisation number that fails MOD11.
const badOrg = `format: 1
language: nb
controller: {name: Helse Vestby HF, org_number: "974 631 408", address: "Postboks 1, 1540 Vestby"}
processor: {name: P AS, org_number: "310000027", country: NO, address: "Veien 1, 0001 Oslo"}
service: {name: Journal, model: saas, deployment: private}
processing: {purposes: [journal], data_subjects: [pasienter], data_categories: [helse], duration: "så lenge avtalen gjelder"}
locations: [{purpose: primærlagring, country: NO, address: "Veien 1, 0001 Oslo", operator: P AS}, {role: backup, country: NO, address: "Veien 2, 0001 Oslo", operator: P AS}]
`

func lib(t testing.TB) *library.Library {
	t.Helper()
	l, err := assemble.LoadLibrary("", i18n.For("nb"))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func newServer(t testing.TB, opts web.Options) *httptest.Server {
	t.Helper()
	_, ts := newServerS(t, opts)
	return ts
}

// newServerS is newServer that also returns the server.
func newServerS(t testing.TB, opts web.Options) (*web.Server, *httptest.Server) {
	t.Helper()
	if opts.Lib == nil {
		opts.Lib = lib(t)
	}
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:0"
	}
	s, err := web.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts
}

// runCLI runs dpa in-process and returns exit code, stdout and stderr.
func runCLI(t testing.TB, args ...string) (int, []byte, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Main(&cli.Factory{Out: &out, Err: &errb, In: strings.NewReader(""), Getenv: os.Getenv}, args)
	return code, out.Bytes(), errb.String()
}

func post(t testing.TB, c *http.Client, u, ctype string, body []byte) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("POST", u, bytes.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func TestHealthz(t *testing.T) {
	ts := newServer(t, web.Options{})
	resp, err := http.Get(ts.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "frame-ancestors 'none'"} {
		if !strings.Contains(resp.Header.Get(k), want) {
			t.Errorf("%s = %q, want %q", k, resp.Header.Get(k), want)
		}
	}
	if csp := resp.Header.Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("CSP allows inline script or lacks script-src: %q", csp)
	}
}

// The API's check is byte for byte `dpa check --format json`.
func TestAPICheckSameAsCLI(t *testing.T) {
	ts := newServer(t, web.Options{})
	dir := t.TempDir()
	cases := map[string][]byte{"example": examples.Journal, "bad-org": []byte(badOrg), "english": bytes.Replace(examples.Journal, []byte("language: nb"), []byte("language: en"), 1)}
	for name, raw := range cases {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name+".yaml")
			os.WriteFile(p, raw, 0o644)
			_, want, _ := runCLI(t, "check", p, "--format", "json")
			resp, got := post(t, nil, ts.URL+"/api/check", "application/yaml", raw)
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
				t.Fatalf("status %d %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), got)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("API check differs from dpa check --format json:\nAPI: %.400s\nCLI: %.400s", got, want)
			}
			var m map[string]any
			if err := json.Unmarshal(got, &m); err != nil || m["risk_level"] == nil {
				t.Fatalf("not the check JSON: %v %v", err, m)
			}
		})
	}
}

func TestAPIBadInput(t *testing.T) {
	ts := newServer(t, web.Options{})
	cases := []struct {
		name, body string
		line, col  int
		path, msg  string
	}{
		{"unknown key", "format: 1\nservise: {name: x}\n", 2, 1, "servise", "service"},
		{"bad enum", "format: 1\nservice: {name: x, model: sas, deployment: public}\n", 2, 27, "service.model", "saas"},
		{"syntax", "format: 1\nservice: [\n", 0, 0, "", "YAML"},
		{"no format", "service: {name: x}\n", 1, 1, "format", "format"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, ep := range []string{"/api/check", "/api/generate?format=md"} {
				resp, b := post(t, nil, ts.URL+ep, "application/yaml", []byte(c.body))
				if resp.StatusCode != 400 {
					t.Fatalf("%s: status %d: %s", ep, resp.StatusCode, b)
				}
				var e struct {
					Error        string
					Line, Column int
					Path         string
				}
				if err := json.Unmarshal(b, &e); err != nil {
					t.Fatal(err)
				}
				if c.line > 0 && (e.Line != c.line || e.Column != c.col) {
					t.Errorf("%s: position %d:%d, want %d:%d (%s)", ep, e.Line, e.Column, c.line, c.col, b)
				}
				if e.Path != c.path || !strings.Contains(e.Error, c.msg) {
					t.Errorf("%s: path %q error %q, want %q containing %q", ep, e.Path, e.Error, c.path, c.msg)
				}
			}
		})
	}
}

func TestAPITooLarge(t *testing.T) {
	ts := newServer(t, web.Options{})
	ok := []byte(badOrg + "# " + strings.Repeat("x", web.MaxBody-len(badOrg)-3) + "\n")
	if len(ok) != web.MaxBody {
		t.Fatalf("len %d", len(ok))
	}
	resp, b := post(t, nil, ts.URL+"/api/check", "application/yaml", ok)
	if resp.StatusCode != 200 {
		t.Fatalf("exactly 1 MiB: status %d %s", resp.StatusCode, b)
	}
	big := append(ok, '\n')
	for _, ep := range []string{"/api/check", "/api/generate?format=pdf"} {
		resp, b := post(t, nil, ts.URL+ep, "application/yaml", big)
		if resp.StatusCode != 413 {
			t.Fatalf("%s: 1 MiB + 1: status %d %s", ep, resp.StatusCode, b)
		}
	}
}

// Every format from the API is the same bytes as `dpa generate` writes for
// the same file (named answers.yaml).
func TestAPIGenerateSameAsCLI(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	ts := newServer(t, web.Options{})
	dir := t.TempDir()
	t.Chdir(dir) // the JSON names the answers file as given
	os.WriteFile("answers.yaml", examples.Journal, 0o644)
	out := filepath.Join(dir, "out")
	if code, _, stderr := runCLI(t, "generate", "answers.yaml", "-o", out, "-f", "pdf,docx,md,txt,json", "-l", "nb,en"); code != 0 {
		t.Fatalf("dpa generate: %d %s", code, stderr)
	}
	for _, format := range []string{"pdf", "docx", "md", "txt", "json"} {
		for _, lang := range []string{"nb", "en"} {
			resp, got := post(t, nil, ts.URL+"/api/generate?format="+format+"&lang="+lang, "application/yaml", examples.Journal)
			if resp.StatusCode != 200 {
				t.Fatalf("%s %s: status %d %.300s", format, lang, resp.StatusCode, got)
			}
			if ct := resp.Header.Get("Content-Type"); ct != web.ContentTypes[format] {
				t.Errorf("%s: Content-Type %q", format, ct)
			}
			name := "answers." + lang + "." + format
			if cd := resp.Header.Get("Content-Disposition"); cd != `attachment; filename="`+name+`"` {
				t.Errorf("%s: Content-Disposition %q", format, cd)
			}
			want, err := os.ReadFile(filepath.Join(out, name))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s %s: API output (%d bytes) differs from dpa generate (%d bytes)", format, lang, len(got), len(want))
			}
		}
	}
	// the file's language when lang is not given; a name for the file
	resp, _ := post(t, nil, ts.URL+"/api/generate?format=md&name=my%20dpa", "application/yaml", examples.Journal)
	if cd := resp.Header.Get("Content-Disposition"); cd != `attachment; filename="my-dpa.nb.md"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	resp, b := post(t, nil, ts.URL+"/api/generate?format=odt", "application/yaml", examples.Journal)
	if resp.StatusCode != 400 || !strings.Contains(string(b), "odt") {
		t.Errorf("unknown format: %d %s", resp.StatusCode, b)
	}
}

func TestAPIGenerateBlocking(t *testing.T) {
	ts := newServer(t, web.Options{})
	resp, b := post(t, nil, ts.URL+"/api/generate?format=pdf", "application/yaml", []byte(badOrg))
	if resp.StatusCode != 422 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	_, want := post(t, nil, ts.URL+"/api/check", "application/yaml", []byte(badOrg))
	if !bytes.Equal(b, want) {
		t.Fatalf("422 body is not the check JSON:\n%.300s\n%.300s", b, want)
	}
	if !strings.Contains(string(b), "invalid-org-number") {
		t.Fatalf("no finding: %.300s", b)
	}
	resp, b = post(t, nil, ts.URL+"/api/generate?format=pdf&draft=1", "application/yaml", []byte(badOrg))
	if resp.StatusCode != 200 || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("draft: status %d %.20q", resp.StatusCode, b)
	}
}

func TestLoopbackOnlyWithoutToken(t *testing.T) {
	for addr, ok := range map[string]bool{"127.0.0.1:8080": true, "localhost:1": true, "[::1]:80": true, "0.0.0.0:8080": false, ":8080": false, "192.0.2.1:80": false} {
		_, err := web.New(web.Options{Addr: addr, Lib: lib(t)})
		if (err == nil) != ok {
			t.Errorf("%s: err %v", addr, err)
		}
		if _, err := web.New(web.Options{Addr: addr, Lib: lib(t), Token: "s3cret"}); err != nil {
			t.Errorf("%s with token: %v", addr, err)
		}
	}
	// the command refuses to start: exit 2, and says why
	code, _, stderr := runCLI(t, "serve", "--addr", "0.0.0.0:0", "--data", t.TempDir())
	if code != 2 || !strings.Contains(stderr, "DPA_TOKEN") {
		t.Fatalf("serve without token: exit %d %q", code, stderr)
	}
	code, _, stderr = runCLI(t, "--ui-lang", "en", "serve", "--addr", ":0", "--data", t.TempDir())
	if code != 2 || !strings.Contains(stderr, "not loopback") {
		t.Fatalf("serve without token: exit %d %q", code, stderr)
	}
}

func TestToken(t *testing.T) {
	s, ts := newServerS(t, web.Options{Addr: "0.0.0.0:8080", Token: "s3cret-token"})
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	// health check needs no token
	if resp, _ := http.Get(ts.URL + "/healthz"); resp.StatusCode != 200 {
		t.Fatalf("healthz %d", resp.StatusCode)
	}
	resp, _ := post(t, nil, ts.URL+"/api/check", "application/yaml", examples.Journal)
	if resp.StatusCode != 401 {
		t.Fatalf("no token: %d", resp.StatusCode)
	}
	req, _ := http.NewRequest("POST", ts.URL+"/api/check", bytes.NewReader(examples.Journal))
	req.Header.Set("Authorization", "Bearer s3cret-token")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 200 {
		t.Fatalf("bearer: %v %v", err, resp)
	}
	req.Header.Set("Authorization", "Bearer s3cret-tokeN")
	req.Body = io.NopCloser(bytes.NewReader(examples.Journal))
	if resp, _ := http.DefaultClient.Do(req); resp.StatusCode != 401 {
		t.Fatalf("wrong bearer: %d", resp.StatusCode)
	}
	// pages redirect to the login page
	resp, err := noRedirect.Get(ts.URL + "/")
	if err != nil || resp.StatusCode != 303 || !strings.HasPrefix(resp.Header.Get("Location"), "/login?next=") {
		t.Fatalf("page without token: %v %v", err, resp)
	}
	// wrong token: 401 and no cookie (the back-off after the wrong bearer
	// token is TestLoginBackoff's)
	web.ForgetLogins(s)
	resp, _ = post(t, noRedirect, ts.URL+"/login", "application/x-www-form-urlencoded", []byte("token=nope&next=/"))
	if resp.StatusCode != 401 || len(resp.Cookies()) != 0 {
		t.Fatalf("wrong login: %d %v", resp.StatusCode, resp.Cookies())
	}
	web.ForgetLogins(s)
	resp, _ = post(t, noRedirect, ts.URL+"/login", "application/x-www-form-urlencoded", []byte(url.Values{"token": {"s3cret-token"}, "next": {"//evil.example/"}}.Encode()))
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/" {
		t.Fatalf("login: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	var c *http.Cookie
	for _, k := range resp.Cookies() {
		if k.Name == "dpa_session" {
			c = k
		}
	}
	if c == nil || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || strings.Contains(c.Value, "s3cret") {
		t.Fatalf("cookie %+v", c)
	}
	req, _ = http.NewRequest("GET", ts.URL+"/", nil)
	req.AddCookie(c)
	if resp, err := noRedirect.Do(req); err != nil || resp.StatusCode != 200 {
		t.Fatalf("with cookie: %v %v", err, resp)
	}
}

func TestCrossOriginRefused(t *testing.T) {
	ts := newServer(t, web.Options{})
	for _, h := range []map[string]string{{"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://evil.example"}} {
		req, _ := http.NewRequest("POST", ts.URL+"/api/check", bytes.NewReader(examples.Journal))
		for k, v := range h {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != 403 {
			t.Errorf("%v: status %d", h, resp.StatusCode)
		}
	}
	req, _ := http.NewRequest("POST", ts.URL+"/api/check", bytes.NewReader(examples.Journal))
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if resp, _ := http.DefaultClient.Do(req); resp.StatusCode != 200 {
		t.Errorf("same-origin: %d", resp.StatusCode)
	}
}

// Shutdown lets a request in flight finish.
func TestGracefulShutdown(t *testing.T) {
	s, err := web.New(web.Options{Addr: "127.0.0.1:0", Lib: lib(t)})
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, l, 20*time.Second) }()
	pr, pw := io.Pipe()
	req, _ := http.NewRequest("POST", "http://"+l.Addr().String()+"/api/generate?format=pdf", pr)
	type result struct {
		code int
		body []byte
		err  error
	}
	resc := make(chan result, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			resc <- result{err: err}
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resc <- result{code: resp.StatusCode, body: b}
	}()
	half := len(examples.Journal) / 2
	pw.Write(examples.Journal[:half])
	time.Sleep(200 * time.Millisecond) // the request is now being read by its handler
	cancel()
	time.Sleep(100 * time.Millisecond)
	pw.Write(examples.Journal[half:])
	pw.Close()
	r := <-resc
	if r.err != nil || r.code != 200 || !bytes.HasPrefix(r.body, []byte("%PDF")) {
		t.Fatalf("request in flight: %v %d", r.err, r.code)
	}
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	if _, err := http.Get("http://" + l.Addr().String() + "/healthz"); err == nil {
		t.Fatal("server still answers after shutdown")
	}
}

// Concurrent requests share the one compiled library; run with -race.
func TestConcurrentRequests(t *testing.T) {
	ts := newServer(t, web.Options{})
	_, want := post(t, nil, ts.URL+"/api/generate?format=md&lang=en", "application/yaml", examples.Journal)
	errc := make(chan error, 16)
	for i := 0; i < 16; i++ {
		go func(i int) {
			ep := "/api/generate?format=md&lang=en"
			if i%2 == 1 {
				ep = "/api/check"
			}
			resp, err := http.Post(ts.URL+ep, "application/yaml", bytes.NewReader(examples.Journal))
			if err != nil {
				errc <- err
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || (i%2 == 0 && !bytes.Equal(b, want)) {
				errc <- io.ErrUnexpectedEOF
				return
			}
			errc <- nil
		}(i)
	}
	for i := 0; i < 16; i++ {
		if err := <-errc; err != nil {
			t.Fatal(err)
		}
	}
}
