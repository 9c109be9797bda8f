export function AppFooter() {
  return (
    <footer className="it-footer mt-5">
      <div className="it-footer-small-prints clearfix">
        <div className="container">
          <p className="text-white py-3 mb-0 small">Bilancio Sociale · strumento di rendicontazione del Comune</p>
        </div>
      </div>
    </footer>
  );
}
