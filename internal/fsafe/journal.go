package fsafe

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The journal of one WriteFiles call is the file .dpa-ID.journal in the
// output folder, locked (flock) by its process for as long as it writes;
// the call's staged files are .dpa-ID-N.tmp and its backups .dpa-ID-N.bak
// (N: the output's index). It is made under the name .dpa-ID.journal.new,
// locked, filled with the list of outputs and only then renamed, so that a
// .journal file is locked from the instant it exists until its process
// ends. Lines:
//
//	dpa-journal 1
//	pid 1234
//	out N "name"          every output, written before anything is staged
//	copy N                an exclusive create of the output is about to start
//	moved N ID            output N is about to be placed; ID identifies the file
//	committed             every output is in place
//
// A later run that can lock a .journal file knows that its process is gone
// and puts the folder right (recoverJournal): before "committed" it rolls
// back (each output whose file is the journal's own gets its backup back,
// or is removed when there was none), after it it only removes backups;
// staged files are removed in both cases.
type journal struct {
	f       *os.File
	dir, id string
	path    string
}

const journalMagic = "dpa-journal 1"

var (
	journalName = regexp.MustCompile(`^\.dpa-([0-9a-f]{16})\.journal(\.new)?$`)
	earlyName   = regexp.MustCompile(`^\.dpa-early-[0-9a-f]{16}\.tmp$`)
	stagedName  = regexp.MustCompile(`^\.dpa-([0-9a-f]{16})-[0-9]+\.(tmp|bak)$`)
)

// runStart is when this process started: a staged file without a journal
// is removed only if it is older (see orphan).
var runStart = time.Now()

func randomID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// openJournal makes and locks a new journal in dir listing names.
func openJournal(dir string, names []string) (*journal, error) {
	var plan bytes.Buffer
	fmt.Fprintf(&plan, "%s\npid %d\n", journalMagic, os.Getpid())
	for n, name := range names {
		fmt.Fprintf(&plan, "out %d %s\n", n, strconv.Quote(name))
	}
	var err error
	for try := 0; try < 20; try++ {
		id := randomID()
		final := filepath.Join(dir, ".dpa-"+id+".journal")
		tmp := final + ".new"
		var f *os.File
		f, err = os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL|os.O_APPEND, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		ok, lerr := TryLock(f)
		if lerr != nil && !errors.Is(lerr, ErrUnsupported) {
			f.Close()
			os.Remove(tmp)
			return nil, lerr
		}
		if lerr == nil && !ok {
			// a run putting the folder right took it for a leftover in the
			// instant before it was locked; it removes it
			f.Close()
			continue
		}
		if _, err = f.Write(plan.Bytes()); err == nil {
			err = f.Sync()
		}
		if err == nil {
			err = os.Rename(tmp, final)
			if errors.Is(err, fs.ErrNotExist) {
				// removed by such a run before it was locked: another name
				f.Close()
				continue
			}
		}
		if err != nil {
			f.Close()
			os.Remove(tmp)
			return nil, err
		}
		return &journal{f: f, dir: dir, id: id, path: final}, nil
	}
	return nil, err
}

func (j *journal) temp(n int) string {
	return filepath.Join(j.dir, fmt.Sprintf(".dpa-%s-%d.tmp", j.id, n))
}

func (j *journal) backup(n int) string {
	return filepath.Join(j.dir, fmt.Sprintf(".dpa-%s-%d.bak", j.id, n))
}

// note appends a line (n < 0: none). A line cut short by a kill is
// ignored when the journal is read.
func (j *journal) note(what string, n int, id string) error {
	line := what
	if n >= 0 {
		line += " " + strconv.Itoa(n)
	}
	if id != "" {
		line += " " + id
	}
	_, err := j.f.WriteString(line + "\n")
	return err
}

// close removes the journal and releases it.
func (j *journal) close() {
	os.Remove(j.path)
	Unlock(j.f)
	j.f.Close()
}

// recovered: the folders put right by this process.
var recovered struct {
	sync.Mutex
	dirs map[string]*sync.Once
}

// Event is one thing Recover did after a killed run (process PID): Kind
// "restored" (the old file at Path is back), "removed" (Path, a new file
// of the killed run, is gone) or "cleaned" (N of its temporary files in
// Dir removed; always the last event of one killed run); "stale": N files
// staged early (StageEarly) by runs that are gone removed from Dir, with
// the staged files and needless backups of runs whose journal is gone
// (see orphan).
type Event struct {
	Kind      string
	Path, Dir string
	PID, N    int
}

// Recover puts right what WriteFiles calls of processes that are gone
// (killed) left in dir, the first time it is asked for dir in this
// process; every other call waits until that one is done, so that nothing
// is placed in a folder while it is being put right.
func Recover(dir string, notify func(Event)) {
	key := dir
	if abs, err := filepath.Abs(dir); err == nil {
		key = abs
	}
	recovered.Lock()
	if recovered.dirs == nil {
		recovered.dirs = map[string]*sync.Once{}
	}
	once := recovered.dirs[key]
	if once == nil {
		once = &sync.Once{}
		recovered.dirs[key] = once
	}
	recovered.Unlock()
	once.Do(func() { recoverDir(notify, dir) })
}

// recoverDir puts right what writeFiles calls of processes that are gone
// (killed) left in dir, and tells notify what it did.
func recoverDir(notify func(Event), dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	stale := 0
	defer func() {
		if stale > 0 {
			notify(Event{Kind: "stale", Dir: dir, N: stale})
		}
	}()
	for _, e := range entries {
		if earlyName.MatchString(e.Name()) {
			// staged early by a run that is gone (its lock is free)
			if removeUnlocked(filepath.Join(dir, e.Name())) {
				stale++
			}
			continue
		}
		m := journalName.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if m[2] != "" {
			removeStaleNew(p)
			continue
		}
		recoverJournal(notify, dir, m[1], p)
	}
	for _, e := range entries {
		if orphan(dir, e.Name(), entries) {
			stale++
		}
	}
}

// orphan removes the staged file or backup name (.dpa-ID-N.tmp or .bak) in
// dir if the journal of its run is gone (removed by hand, say, after a
// kill) and it can go without loss: a staged file older than this run
// (every run makes its journal before it stages, so a younger one may be
// a live run's), a backup that is still a hard link of a file in dir (the
// old file at its name: the move never happened). A backup with no twin
// may be the only copy of an old file and is kept. It reports whether the
// file was removed.
func orphan(dir, name string, entries []fs.DirEntry) bool {
	m := stagedName.FindStringSubmatch(name)
	if m == nil {
		return false
	}
	for _, j := range []string{".dpa-" + m[1] + ".journal", ".dpa-" + m[1] + ".journal.new"} {
		if _, err := os.Lstat(filepath.Join(dir, j)); !errors.Is(err, fs.ErrNotExist) {
			return false // its journal is there (recoverJournal's), or cannot be looked at
		}
	}
	p := filepath.Join(dir, name)
	st, err := os.Lstat(p)
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	if m[2] == "tmp" {
		return st.ModTime().Before(runStart) && os.Remove(p) == nil
	}
	for _, e := range entries {
		if e.Name() == name || stagedName.MatchString(e.Name()) {
			continue
		}
		if tst, err := os.Lstat(filepath.Join(dir, e.Name())); err == nil && os.SameFile(st, tst) {
			return os.Remove(p) == nil
		}
	}
	return false
}

// removeUnlocked removes the file at p if nobody holds its lock (where
// files cannot be locked: if it is over a day old).
func removeUnlocked(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	ok, err := TryLock(f)
	if errors.Is(err, ErrUnsupported) {
		if st, serr := f.Stat(); serr == nil && time.Since(st.ModTime()) > 24*time.Hour {
			return os.Remove(p) == nil
		}
		return false
	}
	if err != nil || !ok {
		return false
	}
	defer Unlock(f)
	lst, err1 := os.Lstat(p)
	fst, err2 := f.Stat()
	if err1 != nil || err2 != nil || !os.SameFile(lst, fst) {
		return false
	}
	return os.Remove(p) == nil
}

// removeStaleNew removes a journal that was being made when its process
// was killed (it lists outputs, nothing was staged yet).
func removeStaleNew(p string) {
	f, err := os.Open(p)
	if err != nil {
		return
	}
	defer f.Close()
	ok, err := TryLock(f)
	if errors.Is(err, ErrUnsupported) {
		// no locks here: only when clearly old
		if st, serr := f.Stat(); serr == nil && time.Since(st.ModTime()) > time.Minute {
			os.Remove(p)
		}
		return
	}
	if err != nil || !ok {
		return
	}
	defer Unlock(f)
	if st, err := os.Lstat(p); err == nil {
		if fst, err := f.Stat(); err == nil && os.SameFile(st, fst) {
			os.Remove(p)
		}
	}
}

// journalState is what a journal says.
type journalState struct {
	pid       int
	outs      map[int]string
	moved     map[int]string
	copied    map[int]bool
	committed bool
}

func parseJournal(data []byte) (journalState, bool) {
	st := journalState{outs: map[int]string{}, moved: map[int]string{}, copied: map[int]bool{}}
	// a last line without its newline was cut short by a kill
	if i := bytes.LastIndexByte(data, '\n'); i >= 0 {
		data = data[:i+1]
	} else {
		return st, false
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	first := true
	for sc.Scan() {
		line := sc.Text()
		if first {
			if line != journalMagic {
				return st, false
			}
			first = false
			continue
		}
		f := strings.SplitN(line, " ", 3)
		n := -1
		if len(f) > 1 {
			if v, err := strconv.Atoi(f[1]); err == nil {
				n = v
			}
		}
		switch {
		case f[0] == "pid" && n >= 0:
			st.pid = n
		case f[0] == "out" && n >= 0 && len(f) == 3:
			if name, err := strconv.Unquote(f[2]); err == nil && name == filepath.Base(name) {
				st.outs[n] = name
			}
		case f[0] == "moved" && n >= 0 && len(f) == 3:
			st.moved[n] = f[2]
		case f[0] == "copy" && n >= 0:
			st.copied[n] = true
		case f[0] == "committed":
			st.committed = true
		}
	}
	return st, !first
}

// recoverJournal rolls back (or, after "committed", finishes) the
// writeFiles call of journal p (id) if its process is gone.
func recoverJournal(notify func(Event), dir, id, p string) {
	f, err := os.OpenFile(p, os.O_RDWR, 0)
	if err != nil {
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 1<<24))
	if err != nil {
		return
	}
	st, ok := parseJournal(data)
	locked, lerr := TryLock(f)
	switch {
	case errors.Is(lerr, ErrUnsupported):
		if !ok || processAlive(st.pid) {
			return
		}
	case lerr != nil || !locked:
		return // its process is writing
	default:
		defer Unlock(f)
		// still the journal at p (not one already put right and removed)
		lst, err1 := os.Lstat(p)
		fst, err2 := f.Stat()
		if err1 != nil || err2 != nil || !os.SameFile(lst, fst) {
			return
		}
		// read again under the lock: the whole journal of a dead process
		if data, err = os.ReadFile(p); err != nil {
			return
		}
		st, ok = parseJournal(data)
	}
	say := func(e Event) {
		e.PID = st.pid
		notify(e)
	}
	removed := 0
	rm := func(path string) {
		if err := os.Remove(path); err == nil {
			removed++
		}
	}
	if ok {
		for n, name := range st.outs {
			target := filepath.Join(dir, name)
			tmp := filepath.Join(dir, fmt.Sprintf(".dpa-%s-%d.tmp", id, n))
			bak := filepath.Join(dir, fmt.Sprintf(".dpa-%s-%d.bak", id, n))
			rm(tmp)
			_, berr := os.Lstat(bak)
			hasBak := berr == nil
			if st.committed {
				if hasBak {
					rm(bak)
				}
				continue
			}
			tst, terr := os.Lstat(target)
			ours := terr == nil && st.moved[n] != "" && fileID(tst) == st.moved[n]
			switch {
			case ours && hasBak:
				if os.Rename(bak, target) == nil {
					say(Event{Kind: "restored", Path: target})
				}
			case ours:
				if os.Remove(target) == nil {
					say(Event{Kind: "removed", Path: target})
				}
			case hasBak && errors.Is(terr, fs.ErrNotExist):
				// moved aside (no hard links) and not yet replaced
				if os.Rename(bak, target) == nil {
					say(Event{Kind: "restored", Path: target})
				}
			case hasBak:
				// the old file is still in place (linked, not yet replaced)
				rm(bak)
			case st.copied[n] && st.moved[n] == "" && terr == nil && tst.Mode().IsRegular() && tst.Size() == 0:
				// created exclusively, killed before it was noted
				if os.Remove(target) == nil {
					say(Event{Kind: "removed", Path: target})
				}
			}
		}
	}
	// whatever else carries the journal's id (a journal that cannot be
	// read: its staged files; backups are kept, they may be the only copy)
	if es, err := os.ReadDir(dir); err == nil {
		prefix := ".dpa-" + id + "-"
		for _, e := range es {
			if n := e.Name(); strings.HasPrefix(n, prefix) && strings.HasSuffix(n, ".tmp") {
				rm(filepath.Join(dir, n))
			}
		}
	}
	if !ok {
		return
	}
	rm(p)
	say(Event{Kind: "cleaned", Dir: dir, N: removed})
	SyncDir(dir)
}
