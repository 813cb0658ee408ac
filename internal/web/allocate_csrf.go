package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"

	"github.com/localup/localup"
)

// CSRF protection by signed double submit. There is no login yet, so no
// session to tie a token to: a page with a POST form gives the browser a
// random token in a cookie and the same token in a hidden field, and a
// POST is accepted only when the two match. A cross-site form can send
// the cookie but cannot read it to fill in the field. The token carries
// an HMAC under a key held by the server, so a cookie planted by a
// sibling subdomain (which could otherwise choose both halves) is
// rejected too. The key is made at start-up: a restart invalidates open
// forms, which then ask to be reloaded.
const (
	csrfCookie = "localup_csrf"
	csrfField  = "csrf_token"
	csrfNonce  = 18 // bytes of randomness per token
)

// errCSRF is what a POST without a valid token gets.
var errCSRF = localup.Errorf(localup.EFORBIDDEN,
	"The form could not be accepted: it has expired or did not come from this site. Go back, reload the page and try again.")

func newCSRFKey() []byte {
	k := make([]byte, 32)
	rand.Read(k) // never fails (crypto/rand documents it)
	return k
}

// signCSRF returns nonce.signature, both base64url.
func (s *Server) signCSRF(nonce []byte) string {
	m := hmac.New(sha256.New, s.csrfKey)
	m.Write(nonce)
	enc := base64.RawURLEncoding
	return enc.EncodeToString(nonce) + "." + enc.EncodeToString(m.Sum(nil))
}

// validCSRF reports whether tok was signed by this server.
func (s *Server) validCSRF(tok string) bool {
	n, sig, ok := strings.Cut(tok, ".")
	if !ok {
		return false
	}
	nonce, err := base64.RawURLEncoding.DecodeString(n)
	if err != nil || len(nonce) != csrfNonce {
		return false
	}
	return hmac.Equal([]byte(s.signCSRF(nonce)), []byte(n+"."+sig))
}

// csrfToken returns the request's token, setting a new cookie when it has
// no valid one. Pages call it when they render a POST form.
func (s *Server) csrfToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(csrfCookie); err == nil && s.validCSRF(c.Value) {
		return c.Value
	}
	nonce := make([]byte, csrfNonce)
	rand.Read(nonce)
	tok := s.signCSRF(nonce)
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: tok, Path: "/", HttpOnly: true,
		Secure: isHTTPS(r), SameSite: http.SameSiteStrictMode})
	return tok
}

// checkCSRF accepts a POST whose form token matches its signed cookie
// and, when the browser says where the request came from, whose origin is
// this site. It returns EFORBIDDEN otherwise. The form must already be
// parsed.
func (s *Server) checkCSRF(r *http.Request) error {
	if o := r.Header.Get("Origin"); o != "" && o != "null" {
		u, err := url.Parse(o)
		// Behind a proxy the browser's host arrives as X-Forwarded-Host.
		fwd := r.Header.Get("X-Forwarded-Host")
		if err != nil || !(strings.EqualFold(u.Host, r.Host) || (fwd != "" && strings.EqualFold(u.Host, fwd))) {
			return errCSRF
		}
	}
	c, err := r.Cookie(csrfCookie)
	if err != nil || !s.validCSRF(c.Value) {
		return errCSRF
	}
	if subtle.ConstantTimeCompare([]byte(c.Value), []byte(r.PostFormValue(csrfField))) != 1 {
		return errCSRF
	}
	return nil
}

// isHTTPS reports whether the browser reached us over HTTPS, directly or
// through a proxy that says so; only then may the cookie be Secure, or
// browsers on plain-HTTP development servers would drop it.
func isHTTPS(r *http.Request) bool {
	return r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}
