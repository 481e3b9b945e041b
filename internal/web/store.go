package web

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // pure-Go SQLite driver, no cgo
)

// Store keeps saved agreements and their revisions. Every method is safe
// for concurrent use; every write is one transaction.
type Store interface {
	// Create makes a new agreement with a working copy and returns its id.
	Create(ctx context.Context, name string, working []byte) (int64, error)
	// Agreement returns one agreement (ErrNotFound if there is none).
	Agreement(ctx context.Context, id int64) (*Agreement, error)
	// List returns every agreement, the most recently changed first.
	List(ctx context.Context) ([]Agreement, error)
	// SetWorking replaces the working copy (the interview's state between
	// saves).
	SetWorking(ctx context.Context, id int64, working []byte) error
	// Rename gives the agreement a new name.
	Rename(ctx context.Context, id int64, name string) error
	// AddRevision records a revision and makes its answers the working
	// copy, in one transaction. It returns the revision number (1, 2, ...).
	AddRevision(ctx context.Context, id int64, rev Revision) (int, error)
	// Revisions lists an agreement's revisions, the newest first, without
	// their answers.
	Revisions(ctx context.Context, id int64) ([]Revision, error)
	// Revision returns one revision with its answers.
	Revision(ctx context.Context, id int64, n int) (*Revision, error)
	Close() error
}

// ErrNotFound is returned for an agreement or revision that does not exist.
var ErrNotFound = errors.New("not found")

// Agreement is one saved agreement.
type Agreement struct {
	ID      int64
	Name    string
	Working []byte // answers YAML as last edited
	Created time.Time
	Updated time.Time
	Last    *Revision // the newest revision, nil before the first save
	NumRevs int
}

// Revision is one saved state of an agreement.
type Revision struct {
	N              int
	Name           string // the name the user gave this revision
	Answers        []byte
	LibraryVersion string
	DPAVersion     string
	Fingerprint    string
	Status         string // final | draft
	Errors         int    // blocking findings at the time of saving
	Warnings       int
	Created        time.Time
}

// DBName is the database file in the data folder.
const DBName = "dpa.sqlite"

type sqliteStore struct {
	db *sql.DB
}

const schema = `
CREATE TABLE IF NOT EXISTS agreements (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	name TEXT NOT NULL,
	working BLOB NOT NULL,
	created INTEGER NOT NULL,
	updated INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS revisions (
	agreement_id INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
	n INTEGER NOT NULL,
	name TEXT NOT NULL,
	answers BLOB NOT NULL,
	library_version TEXT NOT NULL,
	dpa_version TEXT NOT NULL,
	fingerprint TEXT NOT NULL,
	status TEXT NOT NULL,
	errors INTEGER NOT NULL,
	warnings INTEGER NOT NULL,
	created INTEGER NOT NULL,
	PRIMARY KEY (agreement_id, n)
);
PRAGMA user_version = 1;
`

// OpenStore opens (or creates) the database in dir. SQLite runs in WAL
// mode with synchronous=FULL, so a committed save survives a crash or a
// kill and an uncommitted one leaves nothing behind.
func OpenStore(dir string) (Store, error) {
	path := filepath.Join(dir, DBName)
	dsn := "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// one connection: writes are serialised and readers see committed data
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return &sqliteStore{db: db}, nil
}

func (s *sqliteStore) Close() error { return s.db.Close() }

func now() int64 { return time.Now().UnixMilli() }

func ms(v int64) time.Time { return time.UnixMilli(v) }

func (s *sqliteStore) Create(ctx context.Context, name string, working []byte) (int64, error) {
	t := now()
	res, err := s.db.ExecContext(ctx, `INSERT INTO agreements(name, working, created, updated) VALUES(?,?,?,?)`, name, working, t, t)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func (s *sqliteStore) Agreement(ctx context.Context, id int64) (*Agreement, error) {
	var a Agreement
	var c, u int64
	err := s.db.QueryRowContext(ctx, `SELECT id, name, working, created, updated FROM agreements WHERE id=?`, id).Scan(&a.ID, &a.Name, &a.Working, &c, &u)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	a.Created, a.Updated = ms(c), ms(u)
	revs, err := s.Revisions(ctx, id)
	if err != nil {
		return nil, err
	}
	a.NumRevs = len(revs)
	if len(revs) > 0 {
		a.Last = &revs[0]
	}
	return &a, nil
}

func (s *sqliteStore) List(ctx context.Context) ([]Agreement, error) {
	rows, err := s.db.QueryContext(ctx, `
SELECT a.id, a.name, a.created, a.updated,
  (SELECT COUNT(*) FROM revisions r WHERE r.agreement_id=a.id),
  r.n, r.name, r.status, r.errors, r.warnings, r.created, r.library_version, r.fingerprint
FROM agreements a
LEFT JOIN revisions r ON r.agreement_id=a.id AND r.n=(SELECT MAX(n) FROM revisions x WHERE x.agreement_id=a.id)
ORDER BY a.updated DESC, a.id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Agreement
	for rows.Next() {
		var a Agreement
		var c, u int64
		var n, errs, warns, rc sql.NullInt64
		var rname, status, lv, fp sql.NullString
		if err := rows.Scan(&a.ID, &a.Name, &c, &u, &a.NumRevs, &n, &rname, &status, &errs, &warns, &rc, &lv, &fp); err != nil {
			return nil, err
		}
		a.Created, a.Updated = ms(c), ms(u)
		if n.Valid {
			a.Last = &Revision{N: int(n.Int64), Name: rname.String, Status: status.String, Errors: int(errs.Int64), Warnings: int(warns.Int64), Created: ms(rc.Int64), LibraryVersion: lv.String, Fingerprint: fp.String}
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func (s *sqliteStore) SetWorking(ctx context.Context, id int64, working []byte) error {
	res, err := s.db.ExecContext(ctx, `UPDATE agreements SET working=?, updated=? WHERE id=?`, working, now(), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

func (s *sqliteStore) Rename(ctx context.Context, id int64, name string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE agreements SET name=?, updated=? WHERE id=?`, name, now(), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

func (s *sqliteStore) AddRevision(ctx context.Context, id int64, rev Revision) (n int, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	t := now()
	res, err := tx.ExecContext(ctx, `UPDATE agreements SET working=?, updated=? WHERE id=?`, rev.Answers, t, id)
	if err != nil {
		return 0, err
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return 0, ErrNotFound
	}
	if err = tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(n),0)+1 FROM revisions WHERE agreement_id=?`, id).Scan(&n); err != nil {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO revisions(agreement_id, n, name, answers, library_version, dpa_version, fingerprint, status, errors, warnings, created) VALUES(?,?,?,?,?,?,?,?,?,?,?)`,
		id, n, rev.Name, rev.Answers, rev.LibraryVersion, rev.DPAVersion, rev.Fingerprint, rev.Status, rev.Errors, rev.Warnings, t)
	if err != nil {
		return 0, err
	}
	if err = tx.Commit(); err != nil {
		return 0, err
	}
	return n, nil
}

func (s *sqliteStore) Revisions(ctx context.Context, id int64) ([]Revision, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT n, name, library_version, dpa_version, fingerprint, status, errors, warnings, created FROM revisions WHERE agreement_id=? ORDER BY n DESC`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		var r Revision
		var c int64
		if err := rows.Scan(&r.N, &r.Name, &r.LibraryVersion, &r.DPAVersion, &r.Fingerprint, &r.Status, &r.Errors, &r.Warnings, &c); err != nil {
			return nil, err
		}
		r.Created = ms(c)
		out = append(out, r)
	}
	return out, rows.Err()
}

func (s *sqliteStore) Revision(ctx context.Context, id int64, n int) (*Revision, error) {
	var r Revision
	var c int64
	err := s.db.QueryRowContext(ctx, `SELECT n, name, answers, library_version, dpa_version, fingerprint, status, errors, warnings, created FROM revisions WHERE agreement_id=? AND n=?`, id, n).
		Scan(&r.N, &r.Name, &r.Answers, &r.LibraryVersion, &r.DPAVersion, &r.Fingerprint, &r.Status, &r.Errors, &r.Warnings, &c)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	r.Created = ms(c)
	return &r, nil
}
