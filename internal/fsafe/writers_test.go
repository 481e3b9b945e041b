package fsafe

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoOtherWriters: outside this package no non-test Go file writes,
// creates, renames or links files itself (os.WriteFile, os.Create,
// os.CreateTemp, os.OpenFile with a write flag, os.Rename, os.Link,
// os.Symlink, os.Truncate, ioutil.WriteFile, ioutil.TempFile): every
// writer goes through WriteFiles, the one all-or-nothing writer.
func TestNoOtherWriters(t *testing.T) {
	root := "../.."
	banned := map[string]bool{"WriteFile": true, "Create": true, "CreateTemp": true, "Rename": true,
		"Link": true, "Symlink": true, "Truncate": true, "TempFile": true}
	writeFlags := []string{"O_WRONLY", "O_RDWR", "O_CREATE", "O_APPEND", "O_TRUNC"}
	files := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			switch rel {
			case "third_party", ".git", filepath.Join("internal", "fsafe"):
				return filepath.SkipDir
			}
			if strings.HasPrefix(d.Name(), ".") && rel != "." || d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		files++
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		// the names the file gives package os and io/ioutil
		names := map[string]string{}
		for _, im := range f.Imports {
			p := strings.Trim(im.Path.Value, `"`)
			if p != "os" && p != "io/ioutil" {
				continue
			}
			n := filepath.Base(p)
			if im.Name != nil {
				n = im.Name.Name
			}
			names[n] = p
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			pkg, ok := sel.X.(*ast.Ident)
			if !ok || names[pkg.Name] == "" {
				return true
			}
			name := sel.Sel.Name
			bad := banned[name]
			if name == "OpenFile" && len(call.Args) >= 2 {
				flags := exprText(call.Args[1])
				for _, w := range writeFlags {
					if strings.Contains(flags, w) {
						bad = true
					}
				}
				if !strings.Contains(flags, "O_") {
					bad = true // flags not written out: cannot tell
				}
			}
			if bad {
				t.Errorf("%s: %s.%s writes a file outside fsafe.WriteFiles", fset.Position(call.Pos()), names[pkg.Name], name)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("only %d Go files looked at", files)
	}
}

// exprText is the source form of flag expressions: names joined.
func exprText(e ast.Expr) string {
	var b strings.Builder
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			b.WriteString(id.Name + " ")
		}
		return true
	})
	return b.String()
}
