package journal

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// The lock and crash tests re-execute this test binary as a child process
// (env childModeEnv set) so that a real second process holds the kernel
// lock and can be killed with SIGKILL, like a dropped SSH session.
const (
	childModeEnv = "JOURNAL_TEST_CHILD"
	childDirEnv  = "JOURNAL_TEST_DIR"
)

func TestMain(m *testing.M) {
	switch os.Getenv(childModeEnv) {
	case "":
		os.Exit(m.Run())
	case "hold":
		childHold(os.Getenv(childDirEnv))
	case "write":
		childWrite(os.Getenv(childDirEnv))
	default:
		fmt.Fprintln(os.Stderr, "unknown child mode")
		os.Exit(2)
	}
}

// childHold takes the lock, creates a run, reports "ready <run id>" and
// waits to be killed.
func childHold(dir string) {
	s, err := OpenStore(dir)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	j, err := s.Create(map[string]string{"who": "child"})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println("ready", j.ID())
	time.Sleep(time.Minute)
	os.Exit(0)
}

// childWrite writes events as fast as it can until killed.
func childWrite(dir string) {
	s, err := OpenStore(dir)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	j, err := s.Create(nil)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println("ready", j.ID())
	for i := 0; ; i++ {
		if err := j.Event("tick", map[string]string{"i": fmt.Sprint(i), "pad": strings.Repeat("x", 200)}); err != nil {
			os.Exit(1)
		}
	}
}

// startChild runs the test binary in mode on dir and waits for its
// "ready <id>" line.
func startChild(t *testing.T, mode, dir string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childModeEnv+"="+mode, childDirEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("child: %v", err)
	}
	f := strings.Fields(line)
	if len(f) != 2 || f[0] != "ready" {
		t.Fatalf("child said %q", line)
	}
	return cmd, f[1]
}

// killChild sends SIGKILL (no deferred code runs, like an SSH drop) and
// reaps the child.
func killChild(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
}
