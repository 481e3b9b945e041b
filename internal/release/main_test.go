package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestNames(t *testing.T) {
	if got := BinaryName("1.2.0", "windows/amd64"); got != "dpa_1.2.0_windows_amd64.exe" {
		t.Error(got)
	}
	if got := BinaryName("1.2.0", "darwin/arm64"); got != "dpa_1.2.0_darwin_arm64" {
		t.Error(got)
	}
	if !strings.Contains(LDFlags("1.2.0"), "-X github.com/dpa-no/dpa/internal/cli.Version=1.2.0") {
		t.Error(LDFlags("1.2.0"))
	}
	if err := run("", t.TempDir(), Targets); err == nil {
		t.Error("empty version accepted")
	}
	if err := run("1 2", t.TempDir(), Targets); err == nil {
		t.Error("bad version accepted")
	}
}

// TestReleaseHostBuild builds the host target with a stamped version, runs
// `dpa version` and checks SHA256SUMS. It builds dpa from scratch with
// -trimpath (minutes on a loaded machine), so it runs with
// DPA_RELEASE_TEST=1; .ci/run runs the release program for windows/amd64.
func TestReleaseHostBuild(t *testing.T) {
	if os.Getenv("DPA_RELEASE_TEST") != "1" {
		t.Skip("set DPA_RELEASE_TEST=1 to build a release binary")
	}
	dir := t.TempDir()
	target := runtime.GOOS + "/" + runtime.GOARCH
	wd, _ := os.Getwd()
	if err := os.Chdir("../.."); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	if err := run("9.8.7-test", dir, []string{target}); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, BinaryName("9.8.7-test", target))
	out, err := exec.Command(bin, "version").CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if !strings.HasPrefix(string(out), "dpa 9.8.7-test\n") {
		t.Errorf("dpa version: %s", out)
	}
	sums, err := os.ReadFile(filepath.Join(dir, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	sum, _ := fileSHA256(bin)
	if string(sums) != sum+"  "+filepath.Base(bin)+"\n" {
		t.Errorf("SHA256SUMS: %q", sums)
	}
}
