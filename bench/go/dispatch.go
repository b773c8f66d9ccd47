// The original Go program's pattern, with empty jobs: make bench's anchor.
// 10 goroutines in an errgroup range over a channel of 100 *Job, which a
// producer goroutine fills with 1,000,000 jobs; a worker that finds the
// context done skips the job (the article prints "Canceled the job #N"),
// and a job does nothing: the article's wait is taken out. It prints the best of its rounds
// as JSON: {"jobs": …, "rounds": …, "bestMs": …, "rate": jobs per second}.
//
//   go run dispatch.go [jobs] [rounds]   (make bench builds it into target/go)
package main

import (
	"context"
	"encoding/json"
	"os"
	"runtime"
	"strconv"
	"time"

	"golang.org/x/sync/errgroup"
)

type Job struct {
	ID int
}

// Do is the article's job, with its wait taken out.
func (j *Job) Do(ctx context.Context) error {
	return nil
}

func dispatch(jobs int) {
	eg, ctx := errgroup.WithContext(context.Background())
	queue := make(chan *Job, 100)
	go func() {
		for i := 0; i < jobs; i++ {
			queue <- &Job{ID: i}
		}
		close(queue)
	}()
	for w := 0; w < 10; w++ {
		eg.Go(func() error {
			for job := range queue {
				select {
				case <-ctx.Done():
					continue
				default:
				}
				if err := job.Do(ctx); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err := eg.Wait(); err != nil {
		panic(err)
	}
}

func main() {
	jobs, rounds := 1_000_000, 5
	if len(os.Args) > 1 {
		jobs, _ = strconv.Atoi(os.Args[1])
	}
	if len(os.Args) > 2 {
		rounds, _ = strconv.Atoi(os.Args[2])
	}
	dispatch(jobs) // warm up
	best := time.Duration(1 << 62)
	for r := 0; r < rounds; r++ {
		start := time.Now()
		dispatch(jobs)
		if elapsed := time.Since(start); elapsed < best {
			best = elapsed
		}
	}
	ms := float64(best.Nanoseconds()) / 1e6
	json.NewEncoder(os.Stdout).Encode(map[string]any{
		"jobs": jobs, "rounds": rounds, "gomaxprocs": runtime.GOMAXPROCS(0),
		"bestMs": ms, "rate": float64(jobs) / (ms / 1000),
	})
}
