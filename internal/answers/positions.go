package answers

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dpa-no/dpa/internal/yamlx"
)

// Locate returns the line and column in the answers file raw of each field
// path (as findings name them: "subprocessors[1].transfer_basis"). A path
// that is not in the file (a missing field) gets the position of its
// nearest parent that is; 0, 0 when there is none.
func Locate(raw []byte, paths []string) [][2]int {
	var doc yaml.Node
	if len(paths) == 0 || yamlx.Decode(raw, &doc) != nil || len(doc.Content) == 0 {
		return make([][2]int, len(paths))
	}
	return LocateIn(doc.Content[0], paths)
}

// LocateIn is Locate in a file already parsed (LoadTree's root node).
func LocateIn(root *yaml.Node, paths []string) [][2]int {
	out := make([][2]int, len(paths))
	if root == nil || len(paths) == 0 {
		return out
	}
	pos := map[string][2]int{}    // where the value of a path is
	keyPos := map[string][2]int{} // where its key is
	var walk func(n *yaml.Node, path string, depth int)
	walk = func(n *yaml.Node, path string, depth int) {
		if depth > 64 {
			return
		}
		if _, ok := pos[path]; !ok {
			pos[path] = [2]int{n.Line, n.Column}
		}
		n = deref(n)
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := deref(n.Content[i]).Value
				p := k
				if path != "" {
					p = path + "." + k
				}
				if _, ok := keyPos[p]; !ok {
					keyPos[p] = [2]int{n.Content[i].Line, n.Content[i].Column}
				}
				walk(n.Content[i+1], p, depth+1)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				p := fmt.Sprintf("%s[%d]", path, i)
				if _, ok := keyPos[p]; !ok {
					keyPos[p] = [2]int{c.Line, c.Column}
				}
				walk(c, p, depth+1)
			}
		}
	}
	walk(root, "", 0)
	for i, p := range paths {
		if lc, ok := pos[p]; ok {
			out[i] = lc
			continue
		}
		for p != "" {
			if lc, ok := keyPos[p]; ok {
				out[i] = lc
				break
			}
			j := strings.LastIndexAny(p, ".[")
			if j < 0 {
				break
			}
			p = p[:j]
		}
	}
	return out
}
