// Command release cross-builds dpa for the supported platforms with the
// version stamped in, and writes SHA256SUMS:
//
//	go run ./internal/release -version 1.2.0 [-out dist] [-targets linux/amd64,...]
//
// Each binary is dist/dpa_<version>_<os>_<arch>[.exe], built with
// CGO_ENABLED=0, -trimpath and -ldflags "-s -w -X .../internal/cli.Version=<version>",
// so the same source and Go version give the same bytes. `dpa version`
// prints the stamped version. The program runs `go build` for each target;
// a failure stops it and removes nothing that was already written.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/dpa-no/dpa/internal/fsafe"
)

// Targets are the platforms of a release.
var Targets = []string{"linux/amd64", "linux/arm64", "darwin/arm64", "windows/amd64"}

const versionVar = "github.com/dpa-no/dpa/internal/cli.Version"

var versionRE = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z.+-]*$`)

func main() {
	version := flag.String("version", "", "version to stamp in, e.g. 1.2.0 (required)")
	out := flag.String("out", "dist", "output folder")
	targets := flag.String("targets", strings.Join(Targets, ","), "comma-separated GOOS/GOARCH list")
	flag.Parse()
	if err := run(*version, *out, strings.Split(*targets, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
}

// BinaryName is the file name of the binary for one target.
func BinaryName(version, target string) string {
	goos, goarch, _ := strings.Cut(target, "/")
	name := fmt.Sprintf("dpa_%s_%s_%s", version, goos, goarch)
	if goos == "windows" {
		name += ".exe"
	}
	return name
}

// LDFlags are the linker flags that stamp the version.
func LDFlags(version string) string {
	return "-s -w -X " + versionVar + "=" + version
}

func run(version, out string, targets []string) error {
	if !versionRE.MatchString(version) {
		return fmt.Errorf("-version %q: give a version such as 1.2.0", version)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var sums []string
	for _, t := range targets {
		t = strings.TrimSpace(t)
		goos, goarch, ok := strings.Cut(t, "/")
		if !ok || goos == "" || goarch == "" {
			return fmt.Errorf("target %q: want GOOS/GOARCH", t)
		}
		name := BinaryName(version, t)
		path := filepath.Join(out, name)
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags", LDFlags(version), "-o", path, "./cmd/dpa")
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		fmt.Fprintf(os.Stderr, "release: %s -> %s\n", t, path)
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("build %s: %w", t, err)
		}
		sum, err := fileSHA256(path)
		if err != nil {
			return err
		}
		sums = append(sums, sum+"  "+name)
	}
	sort.Slice(sums, func(i, j int) bool { return sums[i][66:] < sums[j][66:] })
	return writeAtomic(filepath.Join(out, "SHA256SUMS"), []byte(strings.Join(sums, "\n")+"\n"))
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func writeAtomic(path string, data []byte) error { return fsafe.WriteFile(path, data) }
