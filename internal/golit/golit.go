// Package golit writes Go values as Go source: the compiled-in snapshots of
// the clause library and the country data are made with it, so that a dpa
// process does not parse YAML at start-up.
package golit

import (
	"bytes"
	"fmt"
	"go/format"
	"hash"
	"hash/crc32"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Write writes v as a Go composite literal: exported fields only, zero
// fields left out, map keys sorted, so the output is deterministic.
func Write(b *bytes.Buffer, v reflect.Value, pkg string, depth int) {
	typeName := func(t reflect.Type) string { return strings.ReplaceAll(t.String(), pkg+".", "") }
	nl := func(d int) { b.WriteByte('\n'); b.WriteString(strings.Repeat("\t", d)) }
	switch v.Kind() {
	case reflect.Ptr:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		b.WriteByte('&')
		Write(b, v.Elem(), pkg, depth)
	case reflect.Interface:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		Write(b, v.Elem(), pkg, depth)
	case reflect.Struct:
		b.WriteString(typeName(v.Type()))
		b.WriteByte('{')
		t := v.Type()
		wrote := false
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() || v.Field(i).IsZero() {
				continue
			}
			wrote = true
			nl(depth + 1)
			b.WriteString(f.Name)
			b.WriteString(": ")
			Write(b, v.Field(i), pkg, depth+1)
			b.WriteByte(',')
		}
		if wrote {
			nl(depth)
		}
		b.WriteByte('}')
	case reflect.Slice:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		b.WriteString(typeName(v.Type()))
		b.WriteByte('{')
		for i := 0; i < v.Len(); i++ {
			nl(depth + 1)
			Write(b, v.Index(i), pkg, depth+1)
			b.WriteByte(',')
		}
		if v.Len() > 0 {
			nl(depth)
		}
		b.WriteByte('}')
	case reflect.Map:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		b.WriteString(typeName(v.Type()))
		b.WriteByte('{')
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		for _, k := range keys {
			nl(depth + 1)
			Write(b, k, pkg, depth+1)
			b.WriteString(": ")
			Write(b, v.MapIndex(k), pkg, depth+1)
			b.WriteByte(',')
		}
		if len(keys) > 0 {
			nl(depth)
		}
		b.WriteByte('}')
	case reflect.String:
		b.WriteString(strconv.Quote(v.String()))
	case reflect.Int, reflect.Int64, reflect.Int32:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	default:
		panic("golit: unsupported kind " + v.Kind().String())
	}
}

// Format gofmt-formats src, or returns it as it is if it does not parse.
func Format(src []byte) []byte {
	if out, err := format.Source(src); err == nil {
		return out
	}
	return src
}

// Key identifies the inputs of a compiled-in snapshot, so that a snapshot
// left stale by an edit is noticed at start-up and the inputs are parsed
// instead. It is computed at every start and is no security check: two
// CRC-32 (Castagnoli and IEEE, both in hardware on amd64 and arm64) cost a
// few microseconds where a sha256 of the clause library cost about 2 ms.
type Key struct{ c, i hash.Hash32 }

// NewKey returns an empty Key.
func NewKey() *Key {
	return &Key{crc32.New(castagnoli), crc32.NewIEEE()}
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Write adds p to both checksums.
func (k *Key) Write(p []byte) (int, error) {
	k.c.Write(p)
	return k.i.Write(p)
}

// Sum appends the two checksums to b.
func (k *Key) Sum(b []byte) []byte { return k.i.Sum(k.c.Sum(b)) }
