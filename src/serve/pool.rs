//! The bounded pool conversions run on: as many at once as there are workers, each with a
//! time limit; a request that cannot get a worker in time is refused instead of queued forever.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

/// Why a job did not give its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Every worker stayed busy for the whole queue timeout (503).
    Saturated,
    /// The job ran past the conversion timeout (504). It keeps its worker until it ends, so
    /// the pool stays bounded.
    TimedOut,
    /// The job panicked (500).
    Crashed,
}

/// Runs blocking jobs on tokio's blocking threads, at most `workers` at a time.
pub struct Pool {
    workers: usize,
    permits: Arc<Semaphore>,
    queue_timeout: Duration,
    run_timeout: Duration,
}

impl Pool {
    /// A pool of `workers` with its two time limits.
    pub fn new(workers: usize, queue_timeout: Duration, run_timeout: Duration) -> Pool {
        Pool {
            workers,
            permits: Arc::new(Semaphore::new(workers)),
            queue_timeout,
            run_timeout,
        }
    }

    /// How many jobs are running now (those past their time limit included).
    pub fn running(&self) -> usize {
        self.workers - self.permits.available_permits()
    }

    /// Waits for a worker, runs `job` on it and gives its result.
    pub async fn run<T, F>(&self, job: F) -> Result<T, Refusal>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let permit = tokio::time::timeout(
            self.queue_timeout,
            Arc::clone(&self.permits).acquire_owned(),
        )
        .await
        .map_err(|_| Refusal::Saturated)?
        .map_err(|_| Refusal::Saturated)?;
        let task = tokio::task::spawn_blocking(move || {
            let _worker = permit;
            job()
        });
        match tokio::time::timeout(self.run_timeout, task).await {
            Err(_) => Err(Refusal::TimedOut),
            Ok(Err(_)) => Err(Refusal::Crashed),
            Ok(Ok(value)) => Ok(value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sleeper(ms: u64) -> impl FnOnce() -> u64 + Send + 'static {
        move || {
            std::thread::sleep(Duration::from_millis(ms));
            ms
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_job_runs_times_out_or_finds_no_worker() {
        let pool = Arc::new(Pool::new(
            1,
            Duration::from_millis(50),
            Duration::from_millis(100),
        ));
        assert_eq!(pool.run(sleeper(1)).await, Ok(1));
        // Past the run timeout: 504's refusal, and the worker stays taken until the job ends.
        assert_eq!(pool.run(sleeper(400)).await, Err(Refusal::TimedOut));
        assert_eq!(pool.run(sleeper(1)).await, Err(Refusal::Saturated));
        tokio::time::sleep(Duration::from_millis(400)).await;
        assert_eq!(pool.run(sleeper(1)).await, Ok(1));
        // A panic with its message (and a backtrace, when RUST_BACKTRACE asks for one) may
        // take longer than the short timeout above: a pool that waits.
        let pool = Arc::new(Pool::new(
            1,
            Duration::from_secs(10),
            Duration::from_secs(10),
        ));
        let crashed = pool.run(|| -> u8 { panic!("a job that panics") }).await;
        assert_eq!(crashed, Err(Refusal::Crashed));
        assert_eq!(
            pool.run(sleeper(1)).await,
            Ok(1),
            "a panic frees its worker"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_more_jobs_run_at_once_than_workers() {
        let pool = Arc::new(Pool::new(
            2,
            Duration::from_secs(10),
            Duration::from_secs(10),
        ));
        let running = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let most = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let jobs = (0..8).map(|_| {
            let (pool, running, most) =
                (Arc::clone(&pool), Arc::clone(&running), Arc::clone(&most));
            tokio::spawn(async move {
                pool.run(move || {
                    use std::sync::atomic::Ordering::SeqCst;
                    let now = running.fetch_add(1, SeqCst) + 1;
                    most.fetch_max(now, SeqCst);
                    std::thread::sleep(Duration::from_millis(20));
                    running.fetch_sub(1, SeqCst);
                })
                .await
            })
        });
        for job in jobs.collect::<Vec<_>>() {
            assert_eq!(job.await.ok(), Some(Ok(())));
        }
        assert_eq!(most.load(std::sync::atomic::Ordering::SeqCst), 2);
    }
}
