/** Placeholder for series detection and appeal drafting; a colleague is building this page. */
export function SeriesPage() {
  return (
    <section className="panel" aria-labelledby="series-title">
      <h1 id="series-title" className="page-title">
        Series detection
      </h1>
      <p role="status">Loading…</p>
    </section>
  );
}
