package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"

	"github.com/schollz/progressbar/v3"

	"github.com/dpa-no/dpa/internal/library"
)

// progress reports batch progress on stderr when it is a terminal.
type progress struct{ bar *progressbar.ProgressBar }

func newProgress(f *Factory, n int) *progress {
	if !f.StderrTTY || n < 2 {
		return &progress{}
	}
	return &progress{bar: progressbar.NewOptions(n,
		progressbar.OptionSetWriter(f.Err),
		progressbar.OptionSetDescription("dpa generate"),
		progressbar.OptionShowCount(),
		progressbar.OptionClearOnFinish(),
	)}
}

func (p *progress) Add(n int) {
	if p.bar != nil {
		p.bar.Add(n)
	}
}

func (p *progress) Finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

// ManifestFile is one written file in manifest.json.
type ManifestFile struct {
	Name          string `json:"name"`
	Format        string `json:"format"`
	Language      string `json:"language"`
	Size          int    `json:"size"`
	SHA256        string `json:"sha256"`
	Answers       string `json:"answers"`
	AnswersSHA256 string `json:"answers_sha256"`
}

// Manifest is manifest.json of a batch build: Files are exactly the files
// this build wrote, sorted by name; Failed are the answers files that wrote
// nothing (their reasons are in the summary on stderr).
type Manifest struct {
	DPAVersion     string         `json:"dpa_version"`
	LibraryVersion string         `json:"library_version"`
	Files          []ManifestFile `json:"files"`
	Failed         []string       `json:"failed,omitempty"`
	// NotBuilt are the answers files not started because the batch was
	// interrupted (SIGINT, SIGTERM).
	NotBuilt []string `json:"not_built,omitempty"`
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// ManifestName is the file name of the manifest of a batch build.
const ManifestName = "manifest.json"

// writeManifest writes manifest.json atomically (temporary file and rename)
// listing exactly the files that were written, sorted by name, with no
// time stamps: the same inputs give the same bytes. Like every output it
// replaces an existing manifest only with --force.
func writeManifest(f *Factory, opts *GenerateOptions, lib *library.Library, results []*buildResult) error {
	m := Manifest{DPAVersion: Version, LibraryVersion: lib.Version, Files: []ManifestFile{}}
	for _, r := range results {
		if r.notBuilt {
			m.NotBuilt = append(m.NotBuilt, r.File)
			continue
		}
		if r.Err != nil {
			m.Failed = append(m.Failed, r.File)
			continue
		}
		m.Files = append(m.Files, r.Written...)
	}
	sort.Slice(m.Files, func(i, j int) bool { return m.Files[i].Name < m.Files[j].Name })
	sort.Strings(m.Failed)
	sort.Strings(m.NotBuilt)
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	data = append(data, '\n')
	return opts.F.writeAll(opts.OutDir, []output{{Name: ManifestName, Format: "json", Data: data}}, opts.Force)
}
