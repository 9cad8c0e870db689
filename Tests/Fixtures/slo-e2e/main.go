// The service of the SLO end-to-end test (Tests/InfragenGeneratorsTests/SLOEndToEndTests.swift): a Gin service
// instrumented exactly as infragen's Metrics(.promhttp) preset says (Sources/InfragenModel/Descriptions/
// Instrumentation.swift), built offline in GOPATH mode from Debian 12's packages golang-github-gin-gonic-gin-dev
// (1.8.1) and golang-github-prometheus-client-golang-dev (1.14.0).
//
// The preset, as client_golang's promhttp writes it (prometheus/promhttp/instrument_server.go in the Debian package):
// a CounterVec http_requests_total and a HistogramVec http_request_duration_seconds (DefBuckets), both with the
// labels handler, code and method; promhttp fills code and method itself (checkLabels), in lower case for the
// method (sanitizeMethod); the handler label is curried per route (MustCurryWith).
//
// GET /api/orders answers 200, or 500 when the request asks for it with ?fail=1 (the test sends one in five).
// GET /metrics serves the registry. It listens on 127.0.0.1 at a port the kernel picks, and writes that port to the
// file named by -port-file once it accepts connections.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func main() {
	portFile := flag.String("port-file", "", "where to write the port the service listens on")
	flag.Parse()

	registry := prometheus.NewRegistry()
	requests := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "http_requests_total",
		Help: "HTTP requests by handler, status code and method.",
	}, []string{"handler", "code", "method"})
	durations := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "http_request_duration_seconds",
		Help:    "HTTP request durations by handler, status code and method.",
		Buckets: prometheus.DefBuckets,
	}, []string{"handler", "code", "method"})
	registry.MustRegister(requests, durations)

	// The preset's wiring: the route's name curried into the handler label of both vectors.
	instrument := func(route string, handler http.Handler) gin.HandlerFunc {
		labels := prometheus.Labels{"handler": route}
		return gin.WrapH(promhttp.InstrumentHandlerDuration(durations.MustCurryWith(labels),
			promhttp.InstrumentHandlerCounter(requests.MustCurryWith(labels), handler)))
	}
	orders := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("fail") == "1" {
			http.Error(w, "failure asked for", http.StatusInternalServerError)
			return
		}
		fmt.Fprintln(w, "ok")
	})

	gin.SetMode(gin.ReleaseMode)
	router := gin.New()
	router.GET("/api/orders", instrument("/api/orders", orders))
	router.GET("/metrics", gin.WrapH(promhttp.HandlerFor(registry, promhttp.HandlerOpts{})))

	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	port := listener.Addr().(*net.TCPAddr).Port
	if *portFile != "" {
		// Written whole, then renamed: the test never reads half a number.
		if err := os.WriteFile(*portFile+".tmp", []byte(fmt.Sprintf("%d\n", port)), 0o644); err != nil {
			log.Fatal(err)
		}
		if err := os.Rename(*portFile+".tmp", *portFile); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("listening on 127.0.0.1:%d", port)
	log.Fatal(http.Serve(listener, router))
}
