package server

import (
	"fmt"
	"net/http"
	"sync"
)

// hub fans reload messages out to every open event stream.
type hub struct {
	mu      sync.Mutex
	clients map[chan string]struct{}
	done    chan struct{}
	closed  bool
}

func newHub() *hub {
	return &hub{clients: map[chan string]struct{}{}, done: make(chan struct{})}
}

// subscribe returns a channel of messages and a function to stop them.
func (h *hub) subscribe() (<-chan string, func()) {
	// One message of room: a browser that has not taken the last reload
	// yet needs no second one.
	ch := make(chan string, 1)
	h.mu.Lock()
	h.clients[ch] = struct{}{}
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		delete(h.clients, ch)
		h.mu.Unlock()
	}
}

// broadcast sends msg to every subscriber without ever blocking.
func (h *hub) broadcast(msg string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.clients {
		select {
		case ch <- msg:
		default:
		}
	}
}

// close ends every event stream, for shutdown.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}

// ServeHTTP streams reload messages as Server-Sent Events until the
// browser goes away or the server shuts down.
func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	msgs, unsubscribe := h.subscribe()
	defer unsubscribe()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprint(w, "retry: 1000\n: connected\n\n")
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		case msg := <-msgs:
			fmt.Fprintf(w, "event: reload\ndata: %s\n\n", msg)
			flusher.Flush()
		}
	}
}
