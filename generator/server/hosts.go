package server

import (
	"net"
	"net/http"
	"net/url"
	"strings"
)

// hostPolicy decides which requests the server answers, against DNS
// rebinding: a page on evil.example whose name the attacker then points
// at 127.0.0.1 can fetch from the local server as if from its own site,
// and read drafts and error pages with file paths. Its requests carry
// Host: evil.example, so only names that can only mean this machine, and
// the address the server was bound to, are answered.
type hostPolicy struct {
	// bind is the --bind address; "" means the loopback default.
	bind string
}

// anyHost reports whether the server listens on every interface
// (--bind 0.0.0.0 or ::): it is then reached under names and addresses
// it cannot know, and any Host is answered.
func (p hostPolicy) anyHost() bool {
	ip := net.ParseIP(strings.Trim(p.bind, "[]"))
	return ip != nil && ip.IsUnspecified()
}

// allowsHost reports whether a request for host (a Host header, with or
// without a port) is answered: loopback names and addresses, and the
// address the server is bound to.
func (p hostPolicy) allowsHost(host string) bool {
	if p.anyHost() {
		return true
	}
	name := hostName(host)
	if name == "localhost" || strings.HasSuffix(name, ".localhost") {
		return true // resolved to this machine by browsers, never by DNS
	}
	if ip := net.ParseIP(name); ip != nil && ip.IsLoopback() {
		return true
	}
	return name != "" && name == hostName(p.bind)
}

// allowsOrigin reports whether r may open the live-reload stream. Browsers
// send no Origin for a page's own requests; a page of another site sends
// its origin, and is refused, whatever the Host. Bound to 0.0.0.0 this is
// the stream's only check.
func (p hostPolicy) allowsOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && u.Scheme == "http" && strings.EqualFold(u.Host, r.Host) && p.allowsHost(u.Host)
}

// hostName is the lower-case name or address of a host, without port,
// brackets or a final dot.
func hostName(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
}
