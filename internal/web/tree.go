package web

import (
	"bytes"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The interview keeps its state as an answers file (YAML bytes): the form
// reads values from the YAML tree and writes the tree back, so what the
// user typed is kept exactly, also when the loader would refuse it, and the
// loader's errors point at the field (by path) where the value stands.

// seg is one step of a concrete path: a key, or an index into a list.
type seg struct {
	key   string
	index int // -1 for a key
}

// splitPath parses "subprocessors[1].locations" into segments.
func splitPath(p string) []seg {
	var out []seg
	for _, part := range strings.Split(p, ".") {
		for part != "" {
			i := strings.IndexByte(part, '[')
			if i < 0 {
				out = append(out, seg{key: part, index: -1})
				break
			}
			if i > 0 {
				out = append(out, seg{key: part[:i], index: -1})
			}
			j := strings.IndexByte(part[i:], ']')
			if j < 0 {
				break
			}
			n, err := strconv.Atoi(part[i+1 : i+j])
			if err != nil {
				n = -2
			}
			out = append(out, seg{index: n})
			part = part[i+j+1:]
		}
	}
	return out
}

// mapGet returns the value node of key in a mapping node.
func mapGet(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// mapSet sets (v != nil) or deletes (v == nil) key in mapping m, keeping
// the position of an existing key; a new key is put before the first key
// that comes after it in order (the answers types' field order).
func mapSet(m *yaml.Node, key string, v *yaml.Node, order []string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			if v == nil {
				m.Content = append(m.Content[:i], m.Content[i+2:]...)
			} else {
				m.Content[i+1] = v
			}
			return
		}
	}
	if v == nil {
		return
	}
	pos := map[string]int{}
	for i, k := range order {
		pos[k] = i
	}
	at := len(m.Content)
	if p, ok := pos[key]; ok {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if q, ok := pos[m.Content[i].Value]; ok && q > p {
				at = i
				break
			}
		}
	}
	kn := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}
	m.Content = append(m.Content[:at], append([]*yaml.Node{kn, v}, m.Content[at:]...)...)
}

// lookup finds the node at a concrete path.
func lookup(root *yaml.Node, path string) *yaml.Node {
	n := root
	for _, s := range splitPath(path) {
		if n == nil {
			return nil
		}
		if s.index == -1 {
			n = mapGet(n, s.key)
		} else {
			if n.Kind != yaml.SequenceNode || s.index < 0 || s.index >= len(n.Content) {
				return nil
			}
			n = n.Content[s.index]
		}
	}
	return n
}

// scalar is the text of a scalar node ("" for anything else).
func scalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

// scalars are the scalar items of a sequence node; a single scalar counts
// as one item (so that a wrongly typed value is still shown).
func scalars(n *yaml.Node) []string {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		if v := scalar(n); v != "" {
			return []string{v}
		}
		return nil
	}
	var out []string
	if n.Kind == yaml.SequenceNode {
		for _, c := range n.Content {
			out = append(out, scalar(c))
		}
	}
	return out
}

// parseTree reads the working copy into a mapping node (an empty mapping
// for empty input).
func parseTree(raw []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}, nil
	}
	return root, nil
}

// encodeTree writes the tree as an answers file.
func encodeTree(root *yaml.Node) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	clearStyle(root)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	enc.Close()
	return b.Bytes(), nil
}

// clearStyle writes mappings and sequences in block style (an imported
// file's flow style would otherwise put a whole list on one line) and drops
// positions.
func clearStyle(n *yaml.Node) {
	if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
		n.Style &^= yaml.FlowStyle
		if len(n.Content) == 0 {
			n.Style |= yaml.FlowStyle
		}
	}
	n.Line, n.Column = 0, 0
	for _, c := range n.Content {
		clearStyle(c)
	}
}

func strNode(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v} }

func boolNode(v bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v)}
}

// intNode is an integer when v is one, else the text as typed (the loader
// then names the field and the wrong type).
func intNode(v string) *yaml.Node {
	if _, err := strconv.Atoi(v); err == nil {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: v}
	}
	return strNode(v)
}

func seqNode(items []*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: items}
}

func mapNode() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"} }
