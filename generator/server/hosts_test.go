package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHostPolicy(t *testing.T) {
	tests := []struct {
		bind, host string
		want       bool
	}{
		{"127.0.0.1", "127.0.0.1:1313", true},
		{"127.0.0.1", "localhost:1313", true},
		{"127.0.0.1", "LOCALHOST.:1313", true},
		{"127.0.0.1", "app.localhost:1313", true},
		{"127.0.0.1", "[::1]:1313", true},
		{"127.0.0.1", "127.0.0.2", true},
		{"127.0.0.1", "evil.example:1313", false},
		{"127.0.0.1", "127.0.0.1.evil.example", false},
		{"127.0.0.1", "localhost.evil.example", false},
		{"127.0.0.1", "192.168.1.5:1313", false},
		{"127.0.0.1", "", false},
		{"", "localhost", true},
		{"", "evil.example", false},
		{"192.168.1.5", "192.168.1.5:1313", true},
		{"192.168.1.5", "localhost:1313", true},
		{"192.168.1.5", "evil.example:1313", false},
		{"myhost.lan", "MyHost.lan:1313", true},
		{"myhost.lan", "evil.example", false},
		{"::1", "[::1]:1313", true},
		{"0.0.0.0", "evil.example:1313", true}, // every interface: any name may reach it
		{"::", "laptop.local:1313", true},
	}
	for _, tt := range tests {
		if got := (hostPolicy{bind: tt.bind}).allowsHost(tt.host); got != tt.want {
			t.Errorf("bound to %q, Host %q: allowed %v, want %v", tt.bind, tt.host, got, tt.want)
		}
	}
}

// request makes a request as a browser would send it: to host, from a
// page of origin ("" for none).
func request(target, host, origin string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "http://"+host+target, nil)
	if origin != "" {
		r.Header.Set("Origin", origin)
	}
	// The event stream runs until its client goes away: this one has.
	ctx, cancel := context.WithCancel(r.Context())
	cancel()
	return r.WithContext(ctx)
}

func TestHandlerRefusesForeignHostsAndOrigins(t *testing.T) {
	h, _, _ := newHandler(t, smallSite)
	tests := []struct {
		name, bind, target, host, origin string
		status                           int
	}{
		{"a page, from this machine", "127.0.0.1", "/safety/", "127.0.0.1:1313", "", 200},
		{"a page, by name", "127.0.0.1", "/safety/", "localhost:1313", "", 200},
		{"a page, for a rebound name", "127.0.0.1", "/safety/", "evil.example:1313", "", 403},
		{"the error overlay's paths, for a rebound name", "127.0.0.1", "/missing/", "evil.example:1313", "", 403},
		{"the stream, from its own page", "127.0.0.1", eventsPath, "127.0.0.1:1313", "", 200},
		{"the stream, with its own origin", "127.0.0.1", eventsPath, "localhost:1313", "http://localhost:1313", 200},
		{"the stream, from another site", "127.0.0.1", eventsPath, "127.0.0.1:1313", "https://evil.example", 403},
		{"the stream, from a sandboxed page", "127.0.0.1", eventsPath, "127.0.0.1:1313", "null", 403},
		{"the stream, for a rebound name", "127.0.0.1", eventsPath, "evil.example:1313", "http://evil.example:1313", 403},
		{"every interface: a page by any name", "0.0.0.0", "/safety/", "laptop.local:1313", "", 200},
		{"every interface: the stream from its own page", "0.0.0.0", eventsPath, "laptop.local:1313", "http://laptop.local:1313", 200},
		{"every interface: the stream from another site", "0.0.0.0", eventsPath, "laptop.local:1313", "http://evil.example", 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.hosts = hostPolicy{bind: tt.bind}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, request(tt.target, tt.host, tt.origin))
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.status, w.Body.String())
			}
			body := w.Body.String()
			if tt.status == 403 {
				if strings.Contains(body, "Stop on sharp pain") || strings.Contains(body, "<") {
					t.Errorf("a refusal carries more than a short plain message: %q", body)
				}
				if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
					t.Errorf("refusal Content-Type %q", ct)
				}
			}
		})
	}
}
