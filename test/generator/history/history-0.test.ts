import { historyShard } from "../helpers/history-suite.js";

historyShard(0, 4);
