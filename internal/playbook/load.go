package playbook

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Set is an immutable set of loaded playbooks; a reload makes a new one.
// Its playbooks are shared: callers must not change them.
type Set struct {
	byID map[string]*Playbook
	list []*Playbook // sorted by id
}

// Get returns the playbook with this id.
func (s *Set) Get(id string) (*Playbook, bool) {
	p, ok := s.byID[id]
	return p, ok
}

// List returns the playbooks sorted by id.
func (s *Set) List() []*Playbook { return slices.Clone(s.list) }

// loaded is a playbook of a set and where its id was written.
type loaded struct {
	p        *Playbook
	idLine   int
	fromDisk bool
}

// Load reads the built-in playbooks (builtin may be nil), then every *.yaml
// and *.yml file of dir (when dir is not ""); a file on disk with the id of
// a built-in playbook replaces it. Every problem of every file is reported
// at once, as Errors, and then no set is returned: the caller keeps the set
// it had.
func Load(builtin fs.FS, dir string) (*Set, error) {
	byID := map[string]loaded{}
	var errs Errors
	add := func(fsys fs.FS, name, shown string, fromDisk bool) {
		data, rerr := readPlaybook(fsys, name, shown)
		if rerr != nil {
			errs = append(errs, rerr)
			return
		}
		p, idNode, perrs := parse(shown, data)
		if perrs != nil {
			errs = append(errs, perrs...)
			return
		}
		// A file on disk replaces a built-in playbook; two files of one
		// source with one id are a mistake.
		if prev, dup := byID[p.ID]; dup && prev.fromDisk == fromDisk {
			errs = append(errs, &Error{File: shown, Line: idNode.Line, Col: idNode.Column, Source: sourceLine(data, idNode.Line),
				Msg: fmt.Sprintf("playbook id `%s` is also the id of %s (line %d)", p.ID, prev.p.File, prev.idLine)})
			return
		}
		byID[p.ID] = loaded{p: p, idLine: idNode.Line, fromDisk: fromDisk}
	}
	if builtin != nil {
		names, err := playbookFiles(builtin)
		if err != nil {
			return nil, Errors{{File: "playbooks", Line: 1, Col: 1, Msg: "cannot list the built-in playbooks: " + err.Error()}}
		}
		for _, n := range names {
			add(builtin, n, path.Join("playbooks", n), false)
		}
	}
	if dir != "" {
		disk := os.DirFS(dir)
		names, err := playbookFiles(disk)
		if err != nil {
			return nil, Errors{{File: dir, Line: 1, Col: 1, Msg: "cannot read the playbook folder: " + err.Error()}}
		}
		for _, n := range names {
			add(disk, n, filepath.Join(dir, n), true)
		}
	}
	if len(errs) > 0 {
		return nil, errs.sorted()
	}
	set := &Set{byID: make(map[string]*Playbook, len(byID))}
	for id, l := range byID {
		set.byID[id] = l.p
		set.list = append(set.list, l.p)
	}
	slices.SortFunc(set.list, func(a, b *Playbook) int { return cmp.Compare(a.ID, b.ID) })
	return set, nil
}

// playbookFiles lists the *.yaml and *.yml files at the top of fsys, sorted,
// leaving out hidden files (editors' lock and backup files).
func playbookFiles(fsys fs.FS) ([]string, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		ext := strings.ToLower(path.Ext(e.Name()))
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || (ext != ".yaml" && ext != ".yml") {
			continue
		}
		names = append(names, e.Name())
	}
	return names, nil // fs.ReadDir sorts by name
}

// readPlaybook reads one file, refusing what is not a regular file (a pipe
// would block) and what is larger than MaxSize, without reading it whole.
func readPlaybook(fsys fs.FS, name, shown string) ([]byte, *Error) {
	fail := func(format string, args ...any) *Error {
		return &Error{File: shown, Line: 1, Col: 1, Msg: fmt.Sprintf(format, args...)}
	}
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, fail("cannot read: %v", err)
	}
	if !info.Mode().IsRegular() {
		return nil, fail("not a regular file")
	}
	if info.Size() > MaxSize {
		return nil, tooLarge(shown, info.Size())
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fail("cannot read: %v", err)
	}
	defer f.Close()
	// The file may have grown since it was measured.
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, fail("cannot read: %v", err)
	}
	if len(data) > MaxSize {
		return nil, tooLarge(shown, int64(len(data)))
	}
	return data, nil
}

// ParseFile reads and parses one playbook file, refusing an oversized file
// before reading it.
func ParseFile(name string) (*Playbook, error) {
	data, rerr := readPlaybook(os.DirFS(filepath.Dir(name)), filepath.Base(name), name)
	if rerr != nil {
		return nil, Errors{rerr}
	}
	return Parse(name, data)
}

// sourceLine is line n (from 1) of data, for an error's Source.
func sourceLine(data []byte, n int) string {
	lines := bytes.SplitN(data, []byte("\n"), n+1)
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimRight(string(lines[n-1]), "\r")
}
