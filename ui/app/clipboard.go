package app

// osc52Supported reports whether the terminal is likely to put an OSC 52
// sequence on the clipboard. No terminal answers whether it did, so this
// is decided from the environment: the terminals known to ignore it are
// excluded, anything else is tried (most terminals an admin uses over SSH
// take it: Windows Terminal, iTerm2, kitty, WezTerm, Alacritty, foot, tmux,
// xterm with its clipboard option). Where it returns false the mail
// screens print the text to select by hand instead (ui/tui printPlain).
func osc52Supported(goos string, env Env) bool {
	switch {
	case env("TERM") == "linux" || env("TERM") == "dumb":
		return false // the Linux text console, no terminal at all
	case env("TERM_PROGRAM") == "Apple_Terminal":
		return false // macOS Terminal has no OSC 52
	case env("VTE_VERSION") != "" && env("TMUX") == "":
		return false // GNOME Terminal, Tilix and other VTE terminals ignore it
	case goos == "windows":
		// The classic console (conhost) ignores it; Windows Terminal sets
		// WT_SESSION, WezTerm and mintty name themselves in TERM_PROGRAM.
		switch env("TERM_PROGRAM") {
		case "WezTerm", "mintty":
			return true
		}
		return env("WT_SESSION") != ""
	}
	return true
}
