// Command ferretdb-sqlite runs FerretDB v1 on SQLite for the embedded local stack (deploy/local/stack.ts).
// The upstream cmd/ferretdb panics when installed from the module proxy (its generated version.txt is
// missing), so we run the embeddable package instead.
package main

import (
	"context"
	"flag"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dir := flag.String("dir", "./data", "directory for the SQLite databases (one file per database)")
	level := flag.String("log-level", "info", "debug, info, warn or error; info logs every connection")
	flag.Parse()

	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(*level)); err != nil {
		fail(slog.Default(), "bad -log-level", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: lvl}))

	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fail(logger, "cannot create data dir", err)
	}
	// New binds the listener, so a port in use fails here, before we report readiness.
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + *dir + "/",
	})
	if err != nil {
		fail(logger, "cannot start", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	// Always printed (warn level) so the log shows where this instance listens even when info is off.
	logger.Warn("ferretdb-sqlite listening", "listen", *listen, "dir", *dir, "pid", os.Getpid())
	if err := f.Run(ctx); err != nil {
		fail(logger, "stopped with error", err)
	}
	logger.Warn("ferretdb-sqlite stopped")
}

func fail(logger *slog.Logger, msg string, err error) {
	logger.Error("ferretdb-sqlite: "+msg, "error", err)
	os.Exit(1)
}
