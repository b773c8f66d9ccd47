use bounded_dispatcher::{Dispatcher, RunError};

/// Stands in for a request: fails for a page that does not exist.
async fn fetch(page: &str) -> Result<usize, String> {
    match page {
        "missing" => Err(format!("{page}: not found")),
        page => Ok(page.len() * 100),
    }
}

/// The size of every page, fetched two at a time, in the pages' order; the
/// first failure cancels the rest.
pub async fn sizes(pages: &[&str]) -> Result<Vec<usize>, RunError<String>> {
    Dispatcher::new(2).run_iter(pages, |page| fetch(page)).collect().await
}

fn main() {
    // Any executor will do: futures' block_on here, tokio's just as well.
    let found = futures::executor::block_on(sizes(&["index", "about", "blog"]));
    assert_eq!(found, Ok(vec![500, 500, 400]));
    let missing = futures::executor::block_on(sizes(&["index", "missing", "blog"]));
    assert_eq!(missing.unwrap_err().to_string(), "job #1 failed: missing: not found");
}
