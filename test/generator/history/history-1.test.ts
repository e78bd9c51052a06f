import { historyShard } from "../helpers/history-suite.js";

historyShard(1, 4);
