package webtest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestQuery(t *testing.T) {
	doc := Parse(t, []byte(`<html><body>
		<main id="main"><h1 class="big title">Hello <b>world</b></h1>
		<table><tbody><tr data-x="1"><th scope="row">A</th><td>1</td></tr>
		<tr data-x="2"><th scope="row">B</th><td>2</td></tr></tbody></table></main>
		<p>outside</p></body></html>`))
	tests := []struct {
		sel  string
		want []string
	}{
		{"h1", []string{"Hello world"}},
		{"h1.big.title", []string{"Hello world"}},
		{"h1.small", nil},
		{"#main p", nil},
		{"p", []string{"outside"}},
		{"main th[scope=row]", []string{"A", "B"}},
		{`tr[data-x="2"] td`, []string{"2"}},
		{"tr[data-x] > td", []string{"1", "2"}},
		{"main > td", nil},
		{"table td", []string{"1", "2"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Texts(doc, tt.sel)); diff != "" {
			t.Errorf("Texts(%q) (-want +got):\n%s", tt.sel, diff)
		}
	}
}
