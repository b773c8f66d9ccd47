//! The library's README example, on tokio and on futures' block_on.

use consumer::quickstart::sizes;

const PAGES: [&str; 3] = ["index", "about", "blog"];
const MISSING: [&str; 3] = ["index", "missing", "blog"];

#[tokio::test(flavor = "current_thread")]
async fn the_readme_example_runs_on_tokio() {
    assert_eq!(sizes(&PAGES).await, Ok(vec![500, 500, 400]));
    assert_eq!(sizes(&MISSING).await.unwrap_err().to_string(), "job #1 failed: missing: not found");
}

#[test]
fn the_readme_example_runs_on_futures_block_on() {
    assert_eq!(futures::executor::block_on(sizes(&PAGES)), Ok(vec![500, 500, 400]));
    let missing = futures::executor::block_on(sizes(&MISSING));
    assert_eq!(missing.unwrap_err().to_string(), "job #1 failed: missing: not found");
}

#[test]
fn the_readme_example_runs_on_a_local_pool() {
    let mut pool = futures::executor::LocalPool::new();
    assert_eq!(pool.run_until(sizes(&PAGES)), Ok(vec![500, 500, 400]));
}
