use std::num::NonZeroUsize;

use bounded_dispatcher::{Dispatcher, Event, RunError};

/// Stands in for a request: fails for a page that does not exist.
async fn fetch(page: &str) -> Result<usize, String> {
    match page {
        "missing" => Err(format!("{page}: not found")),
        page => Ok(page.len() * 100),
    }
}

/// The size of every page, fetched two at a time; the first failure
/// cancels the rest.
pub async fn sizes(pages: &[&str]) -> Result<Vec<usize>, RunError<String>> {
    let mut sizes = vec![0; pages.len()];
    let outcome = Dispatcher::new(NonZeroUsize::new(2).unwrap())
        .run(
            pages.len(),
            |job| fetch(pages[job]), // jobs may borrow from the caller
            |event| {
                if let Event::Succeeded { job, value, .. } = event {
                    sizes[job] = *value;
                }
            },
            std::future::pending(), // or a timeout, a signal: any future
        )
        .await;
    outcome.into_result()?;
    Ok(sizes)
}

fn main() {
    // Any executor will do: futures' block_on here, tokio's just as well.
    let found = futures::executor::block_on(sizes(&["index", "about", "blog"]));
    assert_eq!(found, Ok(vec![500, 500, 400]));
    let missing = futures::executor::block_on(sizes(&["index", "missing", "blog"]));
    assert_eq!(missing.unwrap_err().to_string(), "job #1 failed: missing: not found");
}
