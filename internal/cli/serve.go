package cli

import (
	"context"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/dpa-no/dpa/internal/web"
)

// ServeOptions are the options of `dpa serve`.
type ServeOptions struct {
	F       *Factory
	Addr    string
	Data    string
	Token   string
	Library string
	// Ready, when set, is called with the bound address once the server
	// listens (tests use it).
	Ready func(addr string)
	// Stop, when set, ends the server instead of SIGINT/SIGTERM (tests).
	Stop context.Context
}

// NewCmdServe builds `dpa serve`.
func NewCmdServe(f *Factory, runF func(*ServeOptions) error) *cobra.Command {
	opts := &ServeOptions{F: f}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Start the guided web interview (local web application)",
		Long: `Start a local web application: a guided interview in bokmål or English that
writes an answers file, with live findings from the same rules as 'dpa check',
a preview, downloads (PDF, DOCX, Markdown, answers YAML), and saved
agreements with revisions and comparisons in an SQLite database in --data.

It binds to loopback (127.0.0.1) by default. Any other address needs an
access token (--token or the environment variable DPA_TOKEN); the browser
asks for it once on a login page.

HTTP API for scripts:
  GET  /healthz
  POST /api/check                    body: an answers file; the JSON of 'dpa check --format json'
  POST /api/generate?format=pdf|docx|md|txt|json&lang=nb|en[&draft=1]
With a token, send "Authorization: Bearer TOKEN".`,
		Example: `  dpa serve
  dpa serve --addr 127.0.0.1:9000 --data ~/dpa-data
  DPA_TOKEN=$(openssl rand -hex 16) dpa serve --addr 0.0.0.0:8080
  curl --data-binary @answers.yaml http://127.0.0.1:8080/api/check`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Token == "" {
				opts.Token = f.Getenv("DPA_TOKEN")
			}
			if runF != nil {
				return runF(opts)
			}
			return serveRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Addr, "addr", "127.0.0.1:8080", "listen address host:port (not loopback: needs --token)")
	cmd.Flags().StringVar(&opts.Data, "data", "dpa-data", "folder for the database of saved agreements (created if missing)")
	cmd.Flags().StringVar(&opts.Token, "token", "", "access token (default: $DPA_TOKEN); required for a non-loopback address")
	cmd.Flags().StringVar(&opts.Library, "library", "", "use the clause library in this folder instead of the embedded one")
	return cmd
}

func serveRun(opts *ServeOptions) error {
	f := opts.F
	ui := f.UI("")
	if !web.IsLoopback(opts.Addr) && opts.Token == "" {
		return inputErr(ui, "cli.serve.token_required", M{"Addr": opts.Addr})
	}
	lib, err := f.Library(opts.Library)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(opts.Data, 0o700); err != nil {
		return msgErr(ui, "cli.err.out_folder", M{"Dir": opts.Data, "Reason": reason(ui, err)})
	}
	store, err := web.OpenStore(opts.Data)
	if err != nil {
		return err
	}
	defer store.Close()
	srv, err := web.New(web.Options{Addr: opts.Addr, Token: opts.Token, Lib: lib, Store: store, DPAVersion: Version})
	if err != nil {
		return &InputError{Err: err}
	}
	l, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return &InputError{Err: err}
	}
	ctx := opts.Stop
	if ctx == nil {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
	}
	f.Err.Write([]byte(ui.T("cli.serve.listening", M{"Addr": l.Addr().String(), "Data": opts.Data}) + "\n"))
	if opts.Ready != nil {
		opts.Ready(l.Addr().String())
	}
	err = srv.Serve(ctx, l, 30*time.Second)
	f.Err.Write([]byte(ui.T("cli.serve.stopped") + "\n"))
	return err
}
