// The service of the image build test (Tests/InfragenGeneratorsTests/DockerImageBuildTests.swift): standard library
// only, because Gin's modules cannot be fetched offline. It reports what the test checks: its uid and gid, the
// version and commit set with -ldflags -X, whether time zones and the CA bundle load, and whether it can write its
// own binary.
package main

import (
	"crypto/x509"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net/http"
	"os"
	"time"
)

// Set at build time with -ldflags "-X main.version=... -X main.commit=...".
var (
	version = "dev"
	commit  = "none"
)

func main() {
	addr := os.Getenv("ADDR")
	if addr == "" {
		addr = ":8080"
	}
	ok := func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") }
	http.HandleFunc("/healthz", ok)
	http.HandleFunc("/readyz", ok)
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		tz := "ok"
		if _, err := time.LoadLocation("Europe/Berlin"); err != nil {
			tz = "missing"
		}
		certs := 0
		if pool, err := x509.SystemCertPool(); err == nil {
			certs = len(pool.Subjects()) //nolint:staticcheck // count only
		}
		exe, _ := os.Executable()
		// "no(permission)" proves the file mode/owner; root would get "text file busy" instead.
		writable := "yes"
		if f, err := os.OpenFile(exe, os.O_WRONLY, 0); err == nil {
			f.Close()
		} else if errors.Is(err, fs.ErrPermission) {
			writable = "no(permission)"
		} else {
			writable = "no(other)"
		}
		fmt.Fprintf(w, "uid=%d gid=%d version=%s commit=%s tz=%s certs=%d exe=%s exe_writable=%s\n",
			os.Getuid(), os.Getgid(), version, commit, tz, certs, exe, writable)
	})
	log.Printf("listening on %s", addr)
	log.Fatal(http.ListenAndServe(addr, nil))
}
