document.getElementById("status").textContent = "Synced with syncHosting().";
