// Command changelognb converts changelog entries of the clause library from
// the old form, text: "English", to the bilingual form,
// text: {nb: "norsk", en: "English"}, taking the Norwegian texts from a
// table (nb.yaml beside this file, English text -> Norwegian text).
//
//	go run ./internal/tools/changelognb -todo     # old-form texts the table lacks, as YAML to fill in
//	go run ./internal/tools/changelognb           # rewrite clauses/*.yaml
//
// Only the text value of each entry is rewritten, on its own line; the
// English is kept byte for byte as written. An old-form entry whose
// English is not in the table is left as it is and listed, and the command
// exits 1, so nothing is converted with an empty or invented text.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dpa-no/dpa/internal/fsafe"
)

type pair struct {
	EN string `yaml:"en"`
	NB string `yaml:"nb"`
}

func main() {
	dir := flag.String("dir", "clauses", "the library folder")
	table := flag.String("table", "internal/tools/changelognb/nb.yaml", "the table of Norwegian texts")
	todo := flag.Bool("todo", false, "print the old-form texts the table lacks (YAML to add to the table) and change nothing")
	flag.Parse()
	nb, err := readTable(*table)
	if err != nil {
		fail(err)
	}
	files, _ := filepath.Glob(filepath.Join(*dir, "*.yaml"))
	sort.Strings(files)
	var missing []string
	seen := map[string]bool{}
	converted := 0
	for _, f := range files {
		switch filepath.Base(f) {
		case "lock.yaml", "requirements.yaml", "matrix.yaml":
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			fail(err)
		}
		out, n, miss, err := convert(f, data, nb)
		if err != nil {
			fail(err)
		}
		for _, m := range miss {
			if !seen[m] {
				seen[m] = true
				missing = append(missing, m)
			}
		}
		if *todo || n == 0 {
			continue
		}
		if err := fsafe.WriteFile(f, out); err != nil {
			fail(err)
		}
		converted += n
		fmt.Fprintf(os.Stderr, "%s: %d entries converted\n", f, n)
	}
	if *todo {
		for _, m := range missing {
			fmt.Printf("- en: %s\n  nb: \"\"\n", quote(m))
		}
		return
	}
	fmt.Fprintf(os.Stderr, "%d entries converted\n", converted)
	if len(missing) > 0 {
		fmt.Fprintf(os.Stderr, "%d old-form texts have no Norwegian text in %s (run with -todo, fill in nb, run again):\n", len(missing), *table)
		for _, m := range missing {
			fmt.Fprintf(os.Stderr, "  %s\n", m)
		}
		os.Exit(1)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "changelognb:", err)
	os.Exit(2)
}

func readTable(name string) (map[string]string, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var list []pair
	if err := yaml.Unmarshal(data, &list); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	m := map[string]string{}
	for _, p := range list {
		if strings.TrimSpace(p.NB) == "" {
			continue
		}
		if old, ok := m[p.EN]; ok && old != p.NB {
			return nil, fmt.Errorf("%s: two Norwegian texts for %q", name, p.EN)
		}
		m[p.EN] = p.NB
	}
	return m, nil
}

// quote writes s as a YAML double-quoted scalar (JSON escapes are YAML's).
func quote(s string) string {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	_ = e.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// convert rewrites the old-form changelog texts of one file. It returns
// the new content, the number of entries converted and the English texts
// that have no Norwegian text in nb.
func convert(name string, data []byte, nb map[string]string) ([]byte, int, []string, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, 0, nil, fmt.Errorf("%s: %w", name, err)
	}
	type edit struct {
		line, col int // 1-based, of the scalar
		en, nb    string
	}
	var edits []edit
	var missing []string
	var visit func(n *yaml.Node, inChangelog bool)
	visit = func(n *yaml.Node, inChangelog bool) {
		switch n.Kind {
		case yaml.DocumentNode, yaml.SequenceNode:
			for _, c := range n.Content {
				if inChangelog && n.Kind == yaml.SequenceNode && c.Kind == yaml.MappingNode {
					for i := 0; i+1 < len(c.Content); i += 2 {
						if v := c.Content[i+1]; c.Content[i].Value == "text" && v.Kind == yaml.ScalarNode {
							if t, ok := nb[v.Value]; ok {
								edits = append(edits, edit{v.Line, v.Column, v.Value, t})
							} else {
								missing = append(missing, v.Value)
							}
						}
					}
					continue
				}
				visit(c, false)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				visit(n.Content[i+1], n.Content[i].Value == "changelog")
			}
		}
	}
	visit(&root, false)
	if len(edits) == 0 {
		return data, 0, missing, nil
	}
	lines := strings.SplitAfter(string(data), "\n")
	for _, e := range edits {
		l := lines[e.line-1]
		start := byteCol(l, e.col)
		end, err := scalarEnd(l, start)
		if err != nil {
			return nil, 0, nil, fmt.Errorf("%s:%d: %v: convert this entry by hand", name, e.line, err)
		}
		var check string
		if err := yaml.Unmarshal([]byte(l[start:end]), &check); err != nil || check != e.en {
			return nil, 0, nil, fmt.Errorf("%s:%d: the text is not on one line: convert this entry by hand", name, e.line)
		}
		lines[e.line-1] = l[:start] + "{nb: " + quote(e.nb) + ", en: " + l[start:end] + "}" + l[end:]
	}
	return []byte(strings.Join(lines, "")), len(edits), missing, nil
}

// byteCol is the byte offset of the 1-based rune column col in l.
func byteCol(l string, col int) int {
	n := 1
	for i := range l {
		if n == col {
			return i
		}
		n++
	}
	return len(l)
}

// scalarEnd is the byte offset after the scalar starting at start in l:
// a quoted scalar ends at its closing quote, a plain one before ", " or
// "}" in a flow mapping, or at the end of the line.
func scalarEnd(l string, start int) (int, error) {
	switch l[start] {
	case '"':
		for i := start + 1; i < len(l); i++ {
			switch l[i] {
			case '\\':
				i++
			case '"':
				return i + 1, nil
			}
		}
		return 0, fmt.Errorf("no closing quote on the line")
	case '\'':
		for i := start + 1; i < len(l); i++ {
			if l[i] == '\'' {
				if i+1 < len(l) && l[i+1] == '\'' {
					i++
					continue
				}
				return i + 1, nil
			}
		}
		return 0, fmt.Errorf("no closing quote on the line")
	case '|', '>':
		return 0, fmt.Errorf("a block scalar")
	}
	end := len(strings.TrimRight(l, "\r\n"))
	if i := strings.Index(l[start:], "}"); i >= 0 && strings.HasPrefix(strings.TrimSpace(l), "- {") {
		end = start + i
	}
	if i := strings.Index(l[start:end], " #"); i >= 0 {
		end = start + i
	}
	return start + len(strings.TrimRight(l[start:end], " ")), nil
}
