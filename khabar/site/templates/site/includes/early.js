document.documentElement.className="js";try{var s=localStorage.getItem("khabar:font-size");if(s)document.documentElement.style.setProperty("--font-step",s)}catch(e){}
