// The original Go program: a dispatcher-worker with errgroup, as the article
// "Ready Steady GO: Dispatcher-Worker with errgroup" describes it and as its
// printed run shows it. make test runs it with Go 1.19's math/rand and its
// default seed, and checks its output against the article's run
// (www/article-run.json). The page shows this file beside the Rust.
package main

import (
	"context"
	"fmt"
	"math/rand"
	"time"

	"golang.org/x/sync/errgroup"
)

type Job struct {
	ID   int
	Wait int // ms
}

// Do waits, and fails before waiting if the wait is too long.
func (j *Job) Do(ctx context.Context) error {
	fmt.Printf("Working on the job #%d. Wait for %d ms.\n", j.ID, j.Wait)
	if j.Wait > 990 {
		return fmt.Errorf("cannot wait for more than 990 ms: job #%d; %d ms", j.ID, j.Wait)
	}
	time.Sleep(time.Duration(j.Wait) * time.Millisecond)
	return nil
}

func main() {
	eg, ctx := errgroup.WithContext(context.Background())
	jobs := make(chan *Job, 100)

	// 10 workers take jobs from the queue until it is closed and empty.
	for w := 0; w < 10; w++ {
		eg.Go(func() error {
			for job := range jobs {
				select {
				case <-ctx.Done():
					fmt.Printf("Canceled the job #%d\n", job.ID)
				default:
					if err := job.Do(ctx); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}

	// The dispatcher: feeds 100 jobs with random waits into the queue.
	for i := 0; i < 100; i++ {
		jobs <- &Job{ID: i, Wait: rand.Intn(1000)}
	}
	close(jobs)

	// Wait returns once every worker has returned: the first error, if any.
	if err := eg.Wait(); err != nil {
		fmt.Println(err)
	}
}
