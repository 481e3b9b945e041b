package web

import "time"

// SetBuildHook makes every capped build of s run f first (with its slot).
func SetBuildHook(s *Server, f func()) { s.buildHook = f }

// BuildsWaiting is the number of requests waiting for a build slot.
func BuildsWaiting(s *Server) int { return int(s.builds.waiting.Load()) }

// SetClock gives the login back-off of s another clock.
func SetClock(s *Server, now func() time.Time) {
	s.logins.mu.Lock()
	s.logins.now = now
	s.logins.mu.Unlock()
}

// ForgetLogins clears the login back-off of s.
func ForgetLogins(s *Server) {
	s.logins.mu.Lock()
	clear(s.logins.m)
	s.logins.mu.Unlock()
}
