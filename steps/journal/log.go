package journal

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/visual4/1crm-update/steps/clock"
)

// LogFile is the name of the run log in the run folder.
const LogFile = "wizard.log"

// Redacted replaces secret values in logs and error texts.
const Redacted = "[redacted]"

// NewLog opens (appending) dir/wizard.log with mode 0600 and returns a text
// logger on it. Attributes whose key names a secret (password, token,
// secret, cookie, authorization…, also inside groups) and string values
// shaped like credentials are replaced by "[redacted]". Times are written in
// Berlin. Close the returned Closer when the run ends.
func NewLog(dir string) (*slog.Logger, io.Closer, error) {
	path := filepath.Join(dir, LogFile)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, FileMode)
	if err != nil {
		return nil, nil, fmt.Errorf("open log: %w", err)
	}
	// An existing file may have looser permissions (created by hand).
	if err := f.Chmod(FileMode); err != nil {
		_ = f.Close()
		return nil, nil, fmt.Errorf("open log: %w", err)
	}
	h := slog.NewTextHandler(f, &slog.HandlerOptions{
		Level:       slog.LevelDebug,
		ReplaceAttr: redactAttr,
	})
	return slog.New(h), f, nil
}

// redactAttr is the slog ReplaceAttr that keeps secrets out of wizard.log.
func redactAttr(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey && a.Value.Kind() == slog.KindTime {
		return slog.Time(a.Key, a.Value.Time().In(clock.Berlin))
	}
	if IsSecretKey(a.Key) {
		return slog.String(a.Key, Redacted)
	}
	v := a.Value.Resolve()
	if v.Kind() == slog.KindString && LooksLikeSecretValue(v.String()) {
		return slog.String(a.Key, RedactText(v.String()))
	}
	if v.Kind() == slog.KindAny {
		if err, ok := v.Any().(error); ok && LooksLikeSecretValue(err.Error()) {
			return slog.String(a.Key, RedactText(err.Error()))
		}
	}
	return a
}
