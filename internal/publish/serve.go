package publish

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"path"
	"strings"
	"time"
)

// Handler serves a status page folder as residents' browsers need it: the
// page, its feed, its favicon and its picture, each with its type, and
// nothing else — no listing of the folder, no file outside it, no hidden
// file (a temporary file being written beside its target).
func Handler(dir string) http.Handler {
	files := http.Dir(dir)
	types := map[string]string{
		IndexFile:    "text/html; charset=utf-8",
		FeedFile:     "application/atom+xml; charset=utf-8",
		FaviconFile:  "image/svg+xml",
		TimelineFile: "image/svg+xml",
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		switch name {
		case "", "favicon.ico":
			// A browser asks /favicon.ico by itself: the page's own icon
			// answers rather than a 404 in every log.
			if name == "" {
				name = IndexFile
			} else {
				name = FaviconFile
			}
		}
		typ, ok := types[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		f, err := files.Open(name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil || st.IsDir() {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", typ)
		h.Set("X-Content-Type-Options", "nosniff")
		// The page carries no script and loads nothing from elsewhere; the
		// policy says so, so an injected one could not run.
		h.Set("Content-Security-Policy", "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
		h.Set("Referrer-Policy", "no-referrer")
		// A minute: a resident reloading gets the new update soon after
		// its approval, and a crowd of them does not hit the disk each time.
		h.Set("Cache-Control", "public, max-age=60")
		http.ServeContent(w, r, name, st.ModTime(), f)
	})
}

// Serve serves dir on addr until ctx ends. It returns once listening
// fails (the address taken) or after a clean shutdown.
func Serve(ctx context.Context, addr, dir string, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("status page on %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           Handler(dir),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
	if ready != nil {
		ready(ln.Addr())
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("status page on %s: %w", addr, err)
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err := srv.Shutdown(shut)
		if e := <-done; !errors.Is(e, http.ErrServerClosed) && err == nil {
			err = e
		}
		return err
	}
}
