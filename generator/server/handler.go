package server

import (
	"bytes"
	"html/template"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/generator/diag"
	"github.com/stance-ssg/stance/generator/site"
)

// handler serves the in-memory output of a live site, and the event
// stream. It serves files of the output only: no listings, nothing from
// the site folder itself.
type handler struct {
	live  *site.Live
	hub   *hub
	hosts hostPolicy
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !h.hosts.allowsHost(r.Host) {
		refuse(w, "stance serve answers requests for this machine (localhost, 127.0.0.1) and its --bind address only, not for host "+strconv.Quote(r.Host))
		return
	}
	if r.URL.Path == eventsPath {
		if !h.hosts.allowsOrigin(r) {
			refuse(w, "stance serve's reload stream is for its own pages, not for "+strconv.Quote(r.Header.Get("Origin")))
			return
		}
		h.hub.ServeHTTP(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := outputPath(r)
	if !ok {
		http.Error(w, "bad request path", http.StatusBadRequest)
		return
	}
	h.serveFile(w, r, name)
}

// refuse answers 403 with a short plain-text reason.
func refuse(w http.ResponseWriter, reason string) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	http.Error(w, reason, http.StatusForbidden)
}

// outputPath maps a request to a file of the output, "/" rooted: a path
// ending in "/" means its index.html. It refuses any path that could step
// outside the output, however it is encoded: "..", "%2e%2e", backslashes
// and NUL bytes.
func outputPath(r *http.Request) (string, bool) {
	p := r.URL.Path // already percent-decoded, once
	raw := strings.ToLower(r.URL.EscapedPath())
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\x00\\") ||
		strings.Contains(raw, "%00") || strings.Contains(raw, "%5c") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return "", false
		}
	}
	name := path.Clean(p)
	if strings.HasSuffix(p, "/") {
		name = path.Join(name, "index.html")
	}
	return name, true
}

// lookup is what the output holds for one request.
type lookup struct {
	data     []byte
	found    bool
	dir      bool   // a folder with an index.html: redirect to its "/" URL
	notFound []byte // the site's 404.html
	buildErr error
}

func (h *handler) find(name string) lookup {
	var l lookup
	h.live.View(func(out afero.Fs, err error) {
		l.buildErr = err
		if info, statErr := out.Stat(name); statErr == nil {
			if info.IsDir() {
				_, statErr := out.Stat(path.Join(name, "index.html"))
				l.dir = statErr == nil
			} else if data, readErr := afero.ReadFile(out, name); readErr == nil {
				l.data, l.found = data, true
			}
		}
		if !l.found && !l.dir {
			l.notFound, _ = afero.ReadFile(out, "/404.html")
		}
	})
	return l
}

func (h *handler) serveFile(w http.ResponseWriter, r *http.Request, name string) {
	l := h.find(name)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	ctype := contentType(name, l.data)
	switch {
	case l.buildErr != nil && (!l.found || strings.HasPrefix(ctype, "text/html")):
		// Pages show the build error until it is fixed; styles and images
		// still come from the last good build.
		writeOverlay(w, l.buildErr)
	case l.dir:
		http.Redirect(w, r, r.URL.Path+"/", http.StatusFound)
	case l.found:
		w.Header().Set("Content-Type", ctype)
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(l.data))
	case l.notFound != nil:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(l.notFound)
	default:
		http.Error(w, "404 page not found", http.StatusNotFound)
	}
}

// contentType comes from the file extension; files without a known one
// are sniffed.
func contentType(name string, data []byte) string {
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

// problem is one problem of a failed build, with the place it points at.
type problem struct {
	File, Line, Message string
}

// problems lists the build's problems with their positions, read from the
// errors themselves (diag.Error), not from their text.
func problems(err error) []problem {
	var out []problem
	for _, e := range diag.Flatten(err) {
		p := problem{File: e.File, Message: e.Error()}
		if e.Line > 0 {
			p.Line = strconv.Itoa(e.Line)
		}
		out = append(out, p)
	}
	return out
}

var overlayTemplate = template.Must(template.New("overlay").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed · Stance</title>
<style>
body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#1b1b1f;color:#f2f2f2}
.overlay{max-width:60rem;margin:0 auto;padding:2rem}
h1{color:#ff8f8f;font-size:1.4rem}
li{margin:0 0 1rem}
.place{font:bold 14px ui-monospace,monospace;color:#ffd479}
pre{white-space:pre-wrap;margin:.25rem 0 0;padding:.75rem;background:#2a2a30;border-radius:4px;font:14px/1.4 ui-monospace,monospace}
</style>
</head>
<body>
<div class="overlay" role="alert">
<h1>The site does not build</h1>
<p>Fix the file and save: this page reloads by itself. The last good build is kept meanwhile.</p>
<ol>
{{- range .Problems}}
<li>{{if .File}}<div class="place">{{.File}}{{if .Line}}, line {{.Line}}{{end}}</div>{{end}}<pre>{{.Message}}</pre></li>
{{- end}}
</ol>
</div>
{{.Live}}
</body>
</html>
`))

// writeOverlay answers with the build error page, which reloads itself on
// the next build.
func writeOverlay(w http.ResponseWriter, err error) {
	var buf bytes.Buffer
	data := struct {
		Problems []problem
		Live     template.HTML
	}{problems(err), liveScript}
	if terr := overlayTemplate.Execute(&buf, data); terr != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	w.Write(buf.Bytes())
}
