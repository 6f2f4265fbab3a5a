//! Pulling from the hub by a cursor per site: everything of the other sites, in each site's
//! order, and never a change skipped when pushes commit out of order.

use khachquen::hub::{self, Cursors};

use crate::hub_support::{batch, hub_db, site};

fn seqs(changes: &[khachquen::sync::change::Change]) -> Vec<(String, i64)> {
    changes.iter().map(|c| (c.site.clone(), c.seq)).collect()
}

/// Pulls until nothing comes, `limit` at a time, advancing the cursors as a site would.
fn pull_all(
    client: &mut hub::Client,
    me: &str,
    cursors: &mut Cursors,
    limit: i64,
) -> Vec<(String, i64)> {
    let mut got = Vec::new();
    loop {
        let page = hub::pull(client, me, cursors, limit).unwrap();
        if page.is_empty() {
            return got;
        }
        assert!(page.len() <= usize::try_from(limit).unwrap(), "a page holds at most the limit");
        for c in &page {
            let seen = cursors.entry(c.site.clone()).or_insert(0);
            assert_eq!(c.seq, *seen + 1, "each site's changes come in order with no gap");
            *seen = c.seq;
        }
        got.extend(seqs(&page));
    }
}

#[test]
fn a_site_pulls_the_others_changes_by_its_cursors() {
    let url = hub_db();
    let (_, mut q1) = site(&url, "Q1");
    let (_, mut q2) = site(&url, "Q2");
    let (_, mut q3) = site(&url, "Q3");
    hub::push(&mut q1, "Q1", &batch("Q1", 1, 4)).unwrap();
    hub::push(&mut q2, "Q2", &batch("Q2", 1, 7)).unwrap();
    let mut cursors = Cursors::new();
    let got = pull_all(&mut q3, "Q3", &mut cursors, 3);
    assert_eq!(got.len(), 11, "everything of Q1 and Q2, pulled 3 at a time");
    assert_eq!(cursors, Cursors::from([("Q1".into(), 4), ("Q2".into(), 7)]));
    let mine = hub::pull(&mut q1, "Q1", &Cursors::new(), 100).unwrap();
    assert!(mine.iter().all(|c| c.site != "Q1"), "a site is not sent its own changes back");
    hub::push(&mut q1, "Q1", &batch("Q1", 5, 2)).unwrap();
    assert_eq!(pull_all(&mut q3, "Q3", &mut cursors, 3), vec![("Q1".into(), 5), ("Q1".into(), 6)]);
    let first = hub::pull(&mut q3, "Q3", &Cursors::new(), 1).unwrap();
    assert_eq!(first[0], batch("Q1", 1, 1)[0], "a change comes back as it was pushed");
}

/// Q1 starts pushing first and commits last. With one global serial Q1's rows would hold the
/// smaller numbers, and a reader that saw Q2's would move past them for ever.
#[test]
fn pushes_committing_out_of_order_are_never_skipped() {
    let url = hub_db();
    let (_, mut q1) = site(&url, "Q1");
    let (_, mut q2) = site(&url, "Q2");
    let (_, mut q3) = site(&url, "Q3");
    let mut slow = q1.transaction().unwrap();
    hub::push_in(&mut slow, "Q1", &batch("Q1", 1, 3)).unwrap();
    hub::push(&mut q2, "Q2", &batch("Q2", 1, 2)).unwrap();
    let mut cursors = Cursors::new();
    let before = pull_all(&mut q3, "Q3", &mut cursors, 10);
    assert_eq!(before, vec![("Q2".into(), 1), ("Q2".into(), 2)], "Q1's are not committed yet");
    slow.commit().unwrap();
    hub::push(&mut q2, "Q2", &batch("Q2", 3, 1)).unwrap();
    let after = pull_all(&mut q3, "Q3", &mut cursors, 10);
    assert_eq!(
        after,
        vec![("Q1".into(), 1), ("Q1".into(), 2), ("Q1".into(), 3), ("Q2".into(), 3)],
        "the late commit is pulled, nothing skipped"
    );
}

/// Two pushes of one site at once (two processes of one store): the second waits for the
/// first and then continues from it, so its seqs never commit before the ones they follow.
#[test]
fn two_pushes_of_one_site_take_turns() {
    let url = hub_db();
    let (creds, mut first) = site(&url, "Q1");
    let mut tx = first.transaction().unwrap();
    hub::push_in(&mut tx, "Q1", &batch("Q1", 1, 2)).unwrap();
    let (role, password, url2) = (creds.role.clone(), creds.password.clone(), url.clone());
    let second = std::thread::spawn(move || {
        let mut c = hub::connect_as(&url2, &role, &password).unwrap();
        hub::push(&mut c, "Q1", &batch("Q1", 1, 4))
    });
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(!second.is_finished(), "the second push waits for the first's transaction");
    tx.commit().unwrap();
    assert_eq!(second.join().unwrap().unwrap(), 4, "it skips what the first pushed, adds the rest");
}
