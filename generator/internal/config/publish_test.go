package config

import (
	"strings"
	"testing"
)

func TestPublishSwitches(t *testing.T) {
	tests := []struct {
		name               string
		src                string
		redirects, headers bool
	}{
		{"default on", "title = \"x\"\n", true, true},
		{"redirects off", "title = \"x\"\n[publish]\nredirects = false\n", false, true},
		{"headers off", "title = \"x\"\n[publish]\nheaders = false\n", true, false},
		{"both off", "title = \"x\"\n[publish]\nredirects = false\nheaders = false\n", false, false},
		{"dotted keys", "title = \"x\"\npublish.headers = false\n", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse("site.toml", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if c.Publish.Redirects != tt.redirects || c.Publish.Headers != tt.headers {
				t.Errorf("publish = %+v, want redirects %v, headers %v", c.Publish, tt.redirects, tt.headers)
			}
		})
	}
}

func TestPublishErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown key", "title = \"x\"\n[publish]\nredirects = true\nredirect = false\n", "site.toml:4: publish.redirect: unknown key"},
		{"wrong type", "title = \"x\"\n[publish]\nheaders = \"no\"\n", "site.toml:3: publish.headers: incompatible types"},
		{"not a table", "title = \"x\"\npublish = true\n", "site.toml:2: publish: type mismatch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("site.toml", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
