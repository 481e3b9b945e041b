package web_test

import (
	"bytes"
	"mime/multipart"
	"strings"
	"testing"
)

// TestImportFileNameAnyCase: an uploaded file's .yaml or .yml extension, in
// any case, is not part of the agreement's name (Avtale.YAML was named
// "Avtale.YAML" and downloaded as Avtale.YAML.yaml).
func TestImportFileNameAnyCase(t *testing.T) {
	for _, fn := range []string{"Avtale Vest.YAML", "Avtale Vest.Yml", "Avtale Vest.yaml"} {
		ts, st := newWebServer(t)
		c := newClient(t, ts)
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		w, err := mw.CreateFormFile("file", fn)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(badOrg))
		mw.Close()
		resp, err := c.c.Post(c.base+"/import?ui=nb", mw.FormDataContentType(), &body)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if !strings.Contains(resp.Request.URL.Path, "/review") {
			t.Fatalf("%s: import went to %s (%d)", fn, resp.Request.URL, resp.StatusCode)
		}
		list, err := st.List(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].Name != "Avtale Vest" {
			t.Errorf("%s: stored as %+v", fn, list)
		}
	}
}
