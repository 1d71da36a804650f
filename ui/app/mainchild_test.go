package app

import (
	"encoding/json"
	"os"
)

// envMainChild carries the arguments (JSON) of a child that runs Main as
// the real binary would: real stdin/stdout, real signals.
const envMainChild = "APP_MAIN_CHILD_ARGS"

func mainChild(args string) int {
	var a []string
	if err := json.Unmarshal([]byte(args), &a); err != nil {
		return 99
	}
	return Main(a, IO{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr})
}
