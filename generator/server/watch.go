package server

import (
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"sync"

	"github.com/fsnotify/fsnotify"
	"github.com/spf13/afero"
)

// watchedDirs are the folders of a site whose files feed the build.
var watchedDirs = []string{"content", "templates", "static"}

// fsWatcher reports changes below a site's watched folders and to
// site.toml. inotify watches single folders, so every folder is watched,
// and folders that appear later are added as they appear.
type fsWatcher struct {
	fs     afero.Fs
	source string
	w      *fsnotify.Watcher
	log    io.Writer
	events chan string
	done   chan struct{}
	wg     sync.WaitGroup
	once   sync.Once
}

func watchSite(fsys afero.Fs, source string, log io.Writer) (*fsWatcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	fw := &fsWatcher{fs: fsys, source: filepath.Clean(source), w: w, log: log,
		events: make(chan string, 256), done: make(chan struct{})}
	// The site folder itself: for site.toml, and for watched folders that
	// are created after the server started.
	if err := w.Add(fw.source); err != nil {
		w.Close()
		return nil, err
	}
	for _, d := range watchedDirs {
		if isDir(fsys, filepath.Join(fw.source, d)) {
			if err := fw.addTree(filepath.Join(fw.source, d), nil); err != nil {
				w.Close()
				return nil, err
			}
		}
	}
	fw.wg.Add(1)
	go fw.loop()
	return fw, nil
}

func (fw *fsWatcher) Events() <-chan string { return fw.events }

// Close stops watching and waits for the watching goroutine to end.
func (fw *fsWatcher) Close() error {
	var err error
	fw.once.Do(func() {
		close(fw.done)
		err = fw.w.Close()
		fw.wg.Wait()
	})
	return err
}

// addTree watches dir and every folder below it. Files found are passed
// to found: they may have been written before the watch began.
func (fw *fsWatcher) addTree(dir string, found func(string)) error {
	return afero.Walk(fw.fs, dir, func(p string, info fs.FileInfo, err error) error {
		if err != nil {
			return nil // gone already: its removal is reported by its parent
		}
		if info.IsDir() {
			if err := fw.w.Add(p); err != nil {
				return fmt.Errorf("watching %s: %w", p, err)
			}
		} else if found != nil {
			found(p)
		}
		return nil
	})
}

func (fw *fsWatcher) loop() {
	defer fw.wg.Done()
	for {
		select {
		case <-fw.done:
			return
		case ev, ok := <-fw.w.Events:
			if !ok {
				return
			}
			fw.handle(ev)
		case err, ok := <-fw.w.Errors:
			if !ok {
				return
			}
			fmt.Fprintf(fw.log, "watching files: %v\n", err)
		}
	}
}

func (fw *fsWatcher) handle(ev fsnotify.Event) {
	if ev.Op == fsnotify.Chmod || !fw.relevant(ev.Name) {
		return
	}
	if ev.Has(fsnotify.Create) && isDir(fw.fs, ev.Name) {
		if err := fw.addTree(ev.Name, fw.send); err != nil {
			fmt.Fprintf(fw.log, "%v\n", err)
		}
	}
	fw.send(ev.Name)
}

// relevant filters the site folder's own entries down to site.toml and
// the watched folders; everything below those is relevant.
func (fw *fsWatcher) relevant(name string) bool {
	if filepath.Dir(name) != fw.source {
		return true
	}
	base := filepath.Base(name)
	if base == "site.toml" {
		return true
	}
	for _, d := range watchedDirs {
		if base == d {
			return true
		}
	}
	return false
}

func (fw *fsWatcher) send(name string) {
	select {
	case fw.events <- name:
	case <-fw.done:
	}
}

// isDir reports whether name is a folder on fsys.
func isDir(fsys afero.Fs, name string) bool {
	info, err := fsys.Stat(name)
	return err == nil && info.IsDir()
}
