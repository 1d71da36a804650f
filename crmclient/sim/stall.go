package sim

import "sync"

// The long waits of issue 8 item 7: a server that stops answering in the
// middle of a backup (Faults.SilentOn), an upgrade.php step that does not
// answer while the rest of 1CRM does (InstallHangStep), and a server that
// loses an install half-way (InstallLostStep). Each fault fires once per
// server, so a run that waits, pauses and resumes sees it only the first
// time, as after a real outage.

// quietState is the state of those faults.
type quietState struct {
	mu       sync.Mutex
	silence  chan struct{} // closed when the silence ends; nil = answering
	silenced bool          // SilentOn fired
	hung     bool          // InstallHangStep fired
	lost     bool          // InstallLostStep fired
}

// beginSilence stops the server answering when event is Faults.SilentOn
// (the first time only), for SilentFor or until Close.
func (s *Server) beginSilence(event string) {
	if s.sc.Faults.SilentOn != event {
		return
	}
	s.quiet.mu.Lock()
	if s.quiet.silenced {
		s.quiet.mu.Unlock()
		return
	}
	ch := make(chan struct{})
	s.quiet.silenced, s.quiet.silence = true, ch
	s.quiet.mu.Unlock()
	s.logf("the server stops answering (%s)", event)
	if d := s.sc.Faults.SilentFor.D(); d > 0 {
		go func() {
			s.sleep(d)
			s.quiet.mu.Lock()
			s.quiet.silence = nil
			s.quiet.mu.Unlock()
			close(ch)
			s.logf("the server answers again")
		}()
	}
}

// holdWhileSilent holds a request while the server is silent. A frozen
// server does not notice a client going away, so neither does this; Close
// releases everything.
func (s *Server) holdWhileSilent() {
	s.quiet.mu.Lock()
	ch := s.quiet.silence
	s.quiet.mu.Unlock()
	if ch == nil {
		return
	}
	select {
	case <-ch:
	case <-s.closing:
	}
}

// hangAt reports (once) whether step want is the step that hangs. The
// caller holds mu.
func (s *Server) hangAt(want int) bool {
	if s.sc.Faults.InstallHangStep != want || want == 0 {
		return false
	}
	s.quiet.mu.Lock()
	defer s.quiet.mu.Unlock()
	if s.quiet.hung {
		return false
	}
	s.quiet.hung = true
	return true
}

// hang holds the step request for InstallHangFor, or until Close (then
// false). stepMu stays held, so a second request for a step waits behind
// this one, as behind PHP's session lock.
func (s *Server) hang(name string, step int) bool {
	s.logf("upgrade.php step %d of %s does not answer", step, name)
	if d := s.sc.Faults.InstallHangFor.D(); d > 0 {
		s.sleep(d)
		select {
		case <-s.closing:
			return false
		default:
			return true
		}
	}
	<-s.closing
	return false
}

// lostAt reports (once) whether the server loses the install at step
// want. The caller holds mu.
func (s *Server) lostAt(want int) bool {
	if s.sc.Faults.InstallLostStep != want || want == 0 {
		return false
	}
	s.quiet.mu.Lock()
	defer s.quiet.mu.Unlock()
	if s.quiet.lost {
		return false
	}
	s.quiet.lost = true
	return true
}
