// Command ferretdb runs FerretDB v2 (MongoDB wire protocol over PostgreSQL + DocumentDB) for the embedded local
// stack (deploy/local/stack.ts). We embed the library package rather than installing upstream's cmd/ferretdb,
// which panics when built from the module proxy (its generated version file is missing).
package main

import (
	"context"
	"flag"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/v2/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address for the MongoDB protocol")
	postgresURL := flag.String("postgresql-url", "", "PostgreSQL URL of the DocumentDB database (required)")
	stateDir := flag.String("state-dir", "./state", "directory for FerretDB's own state file")
	level := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(*level)); err != nil {
		fail("bad -log-level", err)
	}
	if *postgresURL == "" {
		fail("missing -postgresql-url", nil)
	}
	if err := os.MkdirAll(*stateDir, 0o755); err != nil {
		fail("cannot create state dir", err)
	}
	// FerretDB binds inside Run and only logs a bind failure, so probe the port first: a port in use must be an
	// exit the stack can report, not a process that looks alive but never answers.
	probe, err := net.Listen("tcp", *listen)
	if err != nil {
		fail("cannot listen", err)
	}
	_ = probe.Close()

	telemetry := false
	f, err := ferretdb.New(&ferretdb.Config{
		PostgreSQLURL: *postgresURL,
		ListenAddr:    *listen,
		StateDir:      *stateDir,
		LogLevel:      lvl,
		LogOutput:     os.Stderr,
		Telemetry:     &telemetry,
	})
	if err != nil {
		fail("cannot start", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	slog.Warn("ferretdb listening", "listen", *listen, "pid", os.Getpid())
	f.Run(ctx)
	slog.Warn("ferretdb stopped")
}

func fail(msg string, err error) {
	slog.Error("ferretdb: "+msg, "error", err)
	os.Exit(1)
}
