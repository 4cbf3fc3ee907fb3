package playbook

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Load reads the built-in playbooks, then every *.yaml and *.yml file of
// dir (when dir is not ""); a file on disk with the id of a built-in
// playbook replaces it. Every problem of every file is reported at once, and
// then no set is returned: the caller keeps the set it had.
func Load(builtin fs.FS, dir string) (*Set, error) {
	set := &Set{byID: map[string]*Playbook{}}
	var errs Errors
	add := func(name string, data []byte, fromDisk bool) {
		p, err := Parse(name, data)
		if err != nil {
			if list, ok := err.(Errors); ok {
				errs = append(errs, list...)
			} else {
				errs = append(errs, &Error{File: name, Line: 1, Col: 1, Msg: err.Error()})
			}
			return
		}
		prev, dup := set.byID[p.ID]
		// A file on disk replaces a built-in playbook; two files of one
		// source with one id are a mistake.
		overrides := dup && fromDisk && !isDisk(prev.File, dir)
		if dup && !overrides {
			errs = append(errs, &Error{File: name, Line: 1, Col: 1, Msg: fmt.Sprintf("playbook id `%s` is also the id of %s", p.ID, prev.File)})
			return
		}
		set.byID[p.ID] = p
	}
	if builtin != nil {
		names, err := fs.Glob(builtin, "*.y*ml")
		if err != nil {
			return nil, fmt.Errorf("built-in playbooks: %w", err)
		}
		sort.Strings(names)
		for _, n := range names {
			data, err := fs.ReadFile(builtin, n)
			if err != nil {
				return nil, fmt.Errorf("built-in playbook %s: %w", n, err)
			}
			add(path.Join("playbooks", n), data, false)
		}
	}
	if dir != "" {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, Errors{{File: dir, Line: 1, Col: 1, Msg: "cannot read the playbook folder: " + err.Error()}}
		}
		for _, e := range entries {
			ext := strings.ToLower(filepath.Ext(e.Name()))
			if e.IsDir() || (ext != ".yaml" && ext != ".yml") {
				continue
			}
			name := filepath.Join(dir, e.Name())
			info, err := e.Info()
			if err == nil && info.Size() > MaxSize {
				errs = append(errs, &Error{File: name, Line: 1, Col: 1, Msg: fmt.Sprintf("file too large: %d bytes, a playbook is at most %d", info.Size(), MaxSize)})
				continue
			}
			data, err := os.ReadFile(name)
			if err != nil {
				errs = append(errs, &Error{File: name, Line: 1, Col: 1, Msg: err.Error()})
				continue
			}
			add(name, data, true)
		}
	}
	if len(errs) > 0 {
		return nil, errs.sorted()
	}
	return set, nil
}

// isDisk reports whether a playbook was read from the folder rather than
// built in.
func isDisk(file, dir string) bool {
	return dir != "" && strings.HasPrefix(file, dir)
}

// ParseFile reads and parses one playbook file, refusing an oversized file
// before reading it.
func ParseFile(name string) (*Playbook, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, Errors{{File: name, Line: 1, Col: 1, Msg: "cannot read: " + err.Error()}}
	}
	if info.Size() > MaxSize {
		return nil, Errors{{File: name, Line: 1, Col: 1, Msg: fmt.Sprintf("file too large: %d bytes, a playbook is at most %d", info.Size(), MaxSize)}}
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, Errors{{File: name, Line: 1, Col: 1, Msg: "cannot read: " + err.Error()}}
	}
	return Parse(name, data)
}
