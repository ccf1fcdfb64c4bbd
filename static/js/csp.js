/* Loaded before the Bootstrap Italia bundle. The bundle carries video.js, which would add its
   default sizes as an inline <style> (refused by the Content Security Policy, and unused: no page
   has a video player). */
window.VIDEOJS_NO_DYNAMIC_STYLE = true;
