package web

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/localup/localup"
)

// statusOf maps each domain error code to its HTTP status. It is the one
// place where this mapping lives.
var statusOf = map[string]int{
	localup.ENOTFOUND:     http.StatusNotFound,
	localup.EINVALID:      http.StatusBadRequest,
	localup.ECONFLICT:     http.StatusConflict,
	localup.EUNAUTHORISED: http.StatusUnauthorized,
	localup.EFORBIDDEN:    http.StatusForbidden,
	localup.EINTERNAL:     http.StatusInternalServerError,
}

// ErrorStatus returns the HTTP status for an error: its domain code's
// status, or 500 for anything else.
func ErrorStatus(err error) int {
	if s, ok := statusOf[localup.ErrorCode(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// handlerFunc is an HTTP handler that returns its error instead of
// writing it, so that one adapter decides how errors look.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// logError logs err: server errors with their detail at error level, user
// errors at debug, since they are the user's to fix.
func (s *Server) logError(r *http.Request, status int, err error) {
	level := slog.LevelDebug
	if status >= 500 {
		level = slog.LevelError
	}
	s.log.Log(r.Context(), level, "request failed", "method", r.Method, "path", r.URL.Path,
		"status", status, "code", localup.ErrorCode(err), "err", err.Error())
}

// page adapts a handler of an HTML page: an error becomes the GOV.UK error
// page with the status of its code and a message safe to show.
func (s *Server) page(h handlerFunc) http.Handler { return s.adapt(h, s.renderError) }

// json adapts a handler of a JSON endpoint: an error becomes an RFC 9457
// problem document.
func (s *Server) json(h handlerFunc) http.Handler {
	return s.adapt(h, func(w http.ResponseWriter, _ *http.Request, status int, err error) {
		writeProblem(w, status, err)
	})
}

// adapt runs h and hands its error, logged, to write, unless h has already
// begun its response, when the status has gone and logging is all there
// is to do.
func (s *Server) adapt(h handlerFunc, write func(http.ResponseWriter, *http.Request, int, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &startWriter{ResponseWriter: w}
		err := h(sw, r)
		if err == nil {
			return
		}
		status := ErrorStatus(err)
		s.logError(r, status, err)
		if !sw.started {
			write(w, r, status, err)
		}
	})
}

// startWriter notes whether a handler began its response, after which an
// error can only be logged: the status has gone.
type startWriter struct {
	http.ResponseWriter
	started bool
}

// WriteHeader notes that the response has started.
func (w *startWriter) WriteHeader(code int) {
	w.started = true
	w.ResponseWriter.WriteHeader(code)
}

// Write notes that the response has started.
func (w *startWriter) Write(b []byte) (int, error) {
	w.started = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *startWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Problem is the JSON body of an API error (RFC 9457).
type Problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Code   string `json:"code"`
}

func writeProblem(w http.ResponseWriter, status int, err error) {
	p := Problem{Type: "about:blank", Title: http.StatusText(status), Status: status,
		Detail: localup.ErrorMessage(err), Code: localup.ErrorCode(err)}
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(p)
}

// errorPage is what the error template shows.
type errorPage struct {
	basePage
	Status  int
	Heading string
	Message string
}

// headings are the GOV.UK pattern headings for error pages.
var headings = map[int]string{
	http.StatusNotFound:            "Page not found",
	http.StatusBadRequest:          "There is a problem with your request",
	http.StatusConflict:            "There is a conflict with the current data",
	http.StatusUnauthorized:        "You need to sign in",
	http.StatusForbidden:           "You do not have permission to see this page",
	http.StatusInternalServerError: "Sorry, there is a problem with the service",
	http.StatusServiceUnavailable:  "Sorry, the service is unavailable",
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, err error) {
	heading := headings[status]
	if heading == "" {
		heading = http.StatusText(status)
	}
	msg := localup.ErrorMessage(err)
	if status >= 500 {
		msg = "Try again later. The problem has been logged."
	}
	w.Header().Set("Cache-Control", "no-store")
	data := errorPage{basePage: s.base(r, heading), Status: status, Heading: heading, Message: msg}
	if rerr := s.render(w, status, "error", data); rerr != nil {
		s.log.Error("render error page", "err", rerr)
		http.Error(w, heading, status)
	}
}

// notFound answers every path no route claims.
func notFound(w http.ResponseWriter, r *http.Request) error {
	return localup.Errorf(localup.ENOTFOUND, "If you typed the web address, check it is correct.")
}
