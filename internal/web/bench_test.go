package web_test

import (
	"bytes"
	"io"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dpa-no/dpa/examples"
	"github.com/dpa-no/dpa/internal/web"
)

// BenchmarkGeneratePDF50Clients: 50 concurrent clients post the example
// answers to /api/generate?format=pdf over loopback; b.N requests in all.
// Reports requests per second and the 50th and 95th percentile latency.
//
//	go test ./internal/web -run '^$' -bench GeneratePDF50 -benchtime=200x
func BenchmarkGeneratePDF50Clients(b *testing.B) {
	// every client may wait for a build slot (the default queue is smaller)
	ts := newServer(b, web.Options{BuildQueue: 50})
	tr := &http.Transport{MaxIdleConns: 100, MaxIdleConnsPerHost: 100}
	c := &http.Client{Transport: tr}
	defer tr.CloseIdleConnections()
	const clients = 50
	lat := make([]time.Duration, b.N)
	var next int64 = -1
	var fails int64
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for w := 0; w < clients; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := atomic.AddInt64(&next, 1)
				if i >= int64(b.N) {
					return
				}
				t0 := time.Now()
				resp, err := c.Post(ts.URL+"/api/generate?format=pdf", "application/yaml", bytes.NewReader(examples.Journal))
				if err != nil {
					atomic.AddInt64(&fails, 1)
					continue
				}
				n, _ := io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 || n < 1000 {
					atomic.AddInt64(&fails, 1)
				}
				lat[i] = time.Since(t0)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if fails > 0 {
		b.Fatalf("%d of %d requests failed", fails, b.N)
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
}
