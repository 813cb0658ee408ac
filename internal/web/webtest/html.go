// Package webtest checks HTML by CSS-like selector rather than by
// substring, so that tests survive changes of markup that do not change
// meaning and fail on changes that do.
//
// Selectors are a small subset of CSS: compound selectors of a tag, #id,
// .class, [attr] and [attr=value] (quotes optional), joined by spaces for
// descendants and ">" for children.
package webtest

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// Parse parses an HTML document, failing the test on error.
func Parse(t testing.TB, body []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("parse HTML: %v", err)
	}
	return doc
}

// QueryAll returns every element under n that matches sel, in document order.
func QueryAll(n *html.Node, sel string) []*html.Node {
	steps := parseSelector(sel)
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if c.Type == html.ElementNode && matchSteps(c, steps) {
			out = append(out, c)
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		walk(k)
	}
	return out
}

// Query returns the first element under n that matches sel, or nil.
func Query(n *html.Node, sel string) *html.Node {
	if all := QueryAll(n, sel); len(all) > 0 {
		return all[0]
	}
	return nil
}

// MustQuery is Query that fails the test when nothing matches.
func MustQuery(t testing.TB, n *html.Node, sel string) *html.Node {
	t.Helper()
	m := Query(n, sel)
	if m == nil {
		t.Fatalf("no element matches %q", sel)
	}
	return m
}

// Text returns the text of n and its descendants, with runs of white
// space collapsed to one space and trimmed.
func Text(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// Texts returns the Text of every element under n that matches sel.
func Texts(n *html.Node, sel string) []string {
	var out []string
	for _, m := range QueryAll(n, sel) {
		out = append(out, Text(m))
	}
	return out
}

// Attr returns the value of n's attribute, or "" when absent.
func Attr(n *html.Node, name string) string {
	v, _ := LookupAttr(n, name)
	return v
}

// LookupAttr returns the value of n's attribute and whether it is present.
func LookupAttr(n *html.Node, name string) (string, bool) {
	if n == nil {
		return "", false
	}
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

// compound is one compound selector, such as table.govuk-table[id].
type compound struct {
	tag     string
	id      string
	classes []string
	attrs   [][2]string // name, value; value "\x00" means present with any value
	child   bool        // joined to the previous compound by ">"
}

func parseSelector(sel string) []compound {
	sel = strings.ReplaceAll(sel, ">", " > ")
	var out []compound
	child := false
	for _, part := range strings.Fields(sel) {
		if part == ">" {
			child = true
			continue
		}
		c := compound{child: child}
		child = false
		for part != "" {
			switch part[0] {
			case '#', '.':
				end := strings.IndexAny(part[1:], "#.[")
				if end < 0 {
					end = len(part) - 1
				}
				name := part[1 : end+1]
				if part[0] == '#' {
					c.id = name
				} else {
					c.classes = append(c.classes, name)
				}
				part = part[end+1:]
			case '[':
				end := strings.IndexByte(part, ']')
				if end < 0 {
					panic("webtest: unclosed [ in selector " + sel)
				}
				name, val, hasVal := strings.Cut(part[1:end], "=")
				if !hasVal {
					val = "\x00"
				}
				c.attrs = append(c.attrs, [2]string{name, strings.Trim(val, `"'`)})
				part = part[end+1:]
			default:
				end := strings.IndexAny(part, "#.[")
				if end < 0 {
					end = len(part)
				}
				c.tag = part[:end]
				part = part[end:]
			}
		}
		out = append(out, c)
	}
	return out
}

func (c compound) match(n *html.Node) bool {
	if n.Type != html.ElementNode || (c.tag != "" && c.tag != "*" && n.Data != c.tag) {
		return false
	}
	if c.id != "" && Attr(n, "id") != c.id {
		return false
	}
	if len(c.classes) > 0 {
		have := strings.Fields(Attr(n, "class"))
		for _, cl := range c.classes {
			found := false
			for _, h := range have {
				if h == cl {
					found = true
					break
				}
			}
			if !found {
				return false
			}
		}
	}
	for _, a := range c.attrs {
		v, ok := LookupAttr(n, a[0])
		if !ok || (a[1] != "\x00" && v != a[1]) {
			return false
		}
	}
	return true
}

// matchSteps reports whether n matches the last compound and its
// ancestors match the ones before, right to left.
func matchSteps(n *html.Node, steps []compound) bool {
	if len(steps) == 0 {
		return false
	}
	last := steps[len(steps)-1]
	if !last.match(n) {
		return false
	}
	rest := steps[:len(steps)-1]
	if len(rest) == 0 {
		return true
	}
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && matchSteps(p, rest) {
			return true
		}
		if last.child {
			return false
		}
	}
	return false
}
