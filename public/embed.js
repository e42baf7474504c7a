// esep embed helper for host pages: sizes esep iframes to their content.
// Put after the iframe(s): <script src=".../embed.js" async></script>
// It listens for one message type, "esep:height", and only from an esep iframe on this page
// whose address has the sender's origin. Messages carry a height and nothing else.
(function () {
  if (window.__esepEmbed) return;
  window.__esepEmbed = true;
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'esep:height' || typeof data.height !== 'number') return;
    if (!(data.height > 0 && data.height < 20000)) return;
    var frames = document.querySelectorAll('iframe[data-esep-embed]');
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      var origin;
      try { origin = new URL(frame.src, document.baseURI).origin; } catch (e) { return; }
      if (origin !== event.origin) return;
      frame.style.height = Math.ceil(data.height) + 'px';
      return;
    }
  });
})();
